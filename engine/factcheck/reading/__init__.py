"""Reading text: inputs found and decoded into documents, markup blanked, offsets mapped back to the stored text."""
