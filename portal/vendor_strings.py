"""Strings editors meet in the admin that Wagtail's and django-taggit's Swedish catalogues lack.

Listed here so that makemessages keeps them in locale/sv, whose translations then fill the gaps
(the project's catalogue is read before the apps'). tests/test_i18n.py checks each is translated.
"""

from django.utils.translation import gettext_noop

VENDOR_STRINGS = (
    # django-taggit: the help text of every tag field.
    gettext_noop("A comma-separated list of tags."),
    # Wagtail 8: autosave and editing the same page in two places.
    gettext_noop("Saved"),
    gettext_noop("Autosave is paused"),
    gettext_noop("Autosave is <span>paused</span>"),
    gettext_noop("A network error occurred"),
    gettext_noop(
        "Troubleshoot your connection to the site before proceeding. Open the editor in a "
        "separate tab to view the last saved version."
    ),
    gettext_noop("%(user_name)s has unsaved changes"),
    gettext_noop("%(user_name)s saved a new version"),
    gettext_noop("You saved a new version in another window"),
    gettext_noop("Proceeding will overwrite the changes made by %(user_name)s."),
    gettext_noop("Proceeding will overwrite the changes you made in that window."),
    gettext_noop("Saving will overwrite a newer version."),
    gettext_noop("Alternatively, you can view the latest version in a new tab."),
    gettext_noop("View latest version"),
    gettext_noop("Refresh"),
    gettext_noop("Refreshing…"),
    gettext_noop("Currently viewing"),
    gettext_noop("Currently idle"),
    # Wagtail 8: the page editor.
    gettext_noop("There are validation errors, click save to highlight them."),
    gettext_noop(
        "The slug '%(page_slug)s' is already in use at the selected parent page. Make sure the "
        "slug is unique and try again."
    ),
    gettext_noop("The page could not be saved as it is locked."),
    gettext_noop("Add a concise description for search engines"),
    gettext_noop("Minimap"),
    gettext_noop("Side panels"),
    gettext_noop("Side panel width"),
    gettext_noop("Compare"),
    gettext_noop("Locked by"),
    gettext_noop("Date updated"),
    gettext_noop("Privacy is inherited from the ancestor page - %(ancestor_page)s"),
    gettext_noop("Choose when this %(model_name)s should go live and/or expire"),
    gettext_noop("Go-live:"),
    gettext_noop("Expiry:"),
    gettext_noop("Once scheduled:"),
    gettext_noop("Invalid schedule"),
    gettext_noop("Anyone with editing permissions can create schedules"),
    gettext_noop("But only those with publishing permissions can make them effective."),
    gettext_noop("Changes requested %(finished_at)s"),
    gettext_noop("Cancelled by %(cancelled_by)s"),
    gettext_noop("To be created by %(user)s"),
    gettext_noop(
        "You are viewing a previous version of this %(model_name)s from <b>%(created_at)s</b> "
        "by %(user)s"
    ),
    gettext_noop("'%(page_title)s' has been moved successfully."),
    # Wagtail 8: the accessibility checker in the editor.
    gettext_noop("Show issue"),
    gettext_noop("Empty heading found"),
    gettext_noop("Incorrect heading hierarchy"),
    gettext_noop("Avoid skipping levels"),
    gettext_noop("Use proper heading tags"),
    gettext_noop("Misusing paragraphs as headings"),
    gettext_noop("Link text is empty"),
    gettext_noop("Use meaningful text"),
    gettext_noop("Use meaningful text for screen reader users"),
    gettext_noop("Button text is empty"),
    gettext_noop("Input button text is empty"),
    gettext_noop("Table header text is empty"),
    gettext_noop("Empty frame title found"),
    gettext_noop("Use a meaningful title for screen reader users"),
    gettext_noop("Image alt text has inappropriate pattern"),
    gettext_noop("Meta description is empty"),
    # Wagtail 8: snippets (the directory's records) saved, published or sent for review.
    gettext_noop("%(model_name)s '%(object)s' updated and published."),
    gettext_noop("%(model_name)s '%(object)s' created and published."),
    gettext_noop("%(model_name)s '%(object)s' has been submitted for moderation."),
    gettext_noop("%(model_name)s '%(object)s' created and submitted for moderation."),
    gettext_noop("%(model_name)s '%(object)s' has been scheduled for publishing."),
    gettext_noop("%(model_name)s '%(object)s' created and scheduled for publishing."),
    gettext_noop("%(model_name)s '%(object)s' has been replaced with version from %(timestamp)s."),
    gettext_noop("Workflow on %(model_name)s '%(object)s' has been cancelled."),
    gettext_noop("Create a new %(model_name)s"),
    gettext_noop("There are no %(model_name)s to display."),
    # Wagtail 8: moderation messages shown to editors and moderators.
    gettext_noop(
        'The %(model_name)s "%(title)s" has been submitted for moderation to workflow '
        '"%(workflow)s".'
    ),
    gettext_noop(
        'The %(model_name)s "%(title)s" has been submitted for approval in moderation stage '
        '"%(task)s".'
    ),
    gettext_noop('The %(model_name)s "%(title)s" has been approved in workflow "%(workflow)s".'),
    gettext_noop('The %(model_name)s "%(title)s" has been rejected during "%(task)s".'),
    gettext_noop("The %(model_name)s '%(title)s' is not currently awaiting moderation."),
    gettext_noop('You do not have permission to publish pages at "%(page_title)s"'),
)
