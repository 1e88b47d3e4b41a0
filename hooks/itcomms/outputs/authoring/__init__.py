"""What the site tells its authors: the authoring guide, the content health page, and the preview of content that
cannot be read."""
