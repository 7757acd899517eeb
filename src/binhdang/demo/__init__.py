"""The demo: a synthetic provincial Social Insurance office modelled on the reference
scenario (design.md §2), built through the real import path."""
