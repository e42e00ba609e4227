"""Files: reading images and matrices, drawing headless pictures and writing exports (Pillow)."""
