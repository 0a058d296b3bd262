"""The default site takes its name from WAGTAIL_SITE_NAME and its host and port from BASE_URL."""

from urllib.parse import urlsplit

from django.conf import settings
from django.db import migrations


def name_default_site(apps, schema_editor):
    Site = apps.get_model("wagtailcore.Site")
    address = urlsplit(settings.WAGTAILADMIN_BASE_URL)
    port = address.port or (443 if address.scheme == "https" else 80)
    Site.objects.filter(is_default_site=True).update(
        site_name=settings.WAGTAIL_SITE_NAME, hostname=address.hostname or "localhost", port=port
    )


class Migration(migrations.Migration):
    dependencies = [("portal", "0006_onboarding_step_time_frame"), ("wagtailcore", "0098_apitoken")]

    operations = [migrations.RunPython(name_default_site, migrations.RunPython.noop)]
