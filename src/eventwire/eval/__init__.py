"""Evaluation: metric code shared by every ``eventwire eval`` task (corpus loaders come with their stages)."""
