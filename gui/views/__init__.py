"""Views and panels: they draw what the models hold and call model setters; no pooling here."""
