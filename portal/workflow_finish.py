"""What a finished workflow does (WAGTAIL_FINISH_WORKFLOW_ACTION); Wagtail imports it early."""


def publish_approved(workflow_state, user=None) -> None:
    """Publish what a workflow approved: the approval was the moderator's right to publish it."""
    workflow_state.content_object.get_latest_revision().publish(
        user=user, skip_permission_checks=True
    )
