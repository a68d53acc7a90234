"""The Flask web app (placeholder: create_app arrives with the web issue)."""
