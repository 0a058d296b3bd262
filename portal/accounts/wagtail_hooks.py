"""Admin wiring: SSO links, refusals and unlinks appear in the site history."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.log_actions import LogFormatter

from portal.accounts.models import SignInRefusal
from portal.accounts.services import LINK, REFUSE, UNLINK


@hooks.register("register_log_actions")
def register_sso_log_actions(actions) -> None:
    actions.register_action(LINK, _("Link SSO identity"), _("SSO identity linked"))
    actions.register_action(UNLINK, _("Unlink SSO identity"), _("SSO identity unlinked"))

    @actions.register_action(REFUSE)
    class RefusalFormatter(LogFormatter):
        label = _("Refuse SSO sign-in")

        def format_message(self, log_entry) -> str:
            reason = SignInRefusal.Reason(log_entry.data.get("reason"))
            return _("SSO sign-in refused: %(reason)s") % {"reason": reason.label}
