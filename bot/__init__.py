"""The conversational core: understands a question about the plan and builds a Reply; transport-free."""
