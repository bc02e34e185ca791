"""Staff-list checks: read a roster (XLSX/CSV), check each person against the plan, write a report; no transport."""
