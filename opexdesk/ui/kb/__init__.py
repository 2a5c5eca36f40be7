"""Knowledge-base panels: search as you type, article reader, suggestions for a ticket."""
