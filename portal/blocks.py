"""StreamField blocks editors use in page bodies."""

from wagtail import blocks


class BodyBlock(blocks.StreamBlock):
    """The body of a content page."""

    text = blocks.RichTextBlock(label="Text")
