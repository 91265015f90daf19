"""The paper path: blank sheets to print or fill in Excel, and filled XLSX sheets imported by
the secretary on a member's behalf."""
