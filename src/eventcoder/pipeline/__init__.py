"""The coding pipeline: one module (or sub-package) per stage, in the order the data flows (see README "How it works")."""
