"""The models of the shared plumbing: the outbox of e-mails."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class OutgoingEmail(models.Model):
    """An e-mail written in the transaction of the action that causes it, then sent
    by ``core.tasks.deliver_email``; its unique key and ``sent_at`` make sure it is
    sent once. Queue one with ``core.outbox.queue_email``."""

    key = models.CharField(_("key"), max_length=120, unique=True)
    to = models.JSONField(_("recipients"))
    reply_to = models.JSONField(_("reply to"), default=list, blank=True)
    from_email = models.CharField(
        _("sender"),
        max_length=255,
        blank=True,
        help_text=_("Empty: the site's default sender address."),
    )
    # The longest line RFC 5322 allows: an offer's title fits whole.
    subject = models.CharField(_("subject"), max_length=998)
    body = models.TextField(_("text"))
    html = models.TextField(_("HTML"), blank=True)
    headers = models.JSONField(_("other headers"), default=dict, blank=True)
    message_id = models.CharField(_("Message-ID"), max_length=255)
    created_at = models.DateTimeField(_("written at"), default=timezone.now)
    # Set while the e-mail waits to be sent, emptied once it is sent or given up.
    next_attempt_at = models.DateTimeField(
        _("next attempt at"), null=True, blank=True, db_index=True
    )
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    failed_at = models.DateTimeField(_("given up at"), null=True, blank=True)
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)

    class Meta:
        verbose_name = _("outgoing e-mail")
        verbose_name_plural = _("outgoing e-mails")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.key

    def message(self) -> EmailMultiAlternatives:
        """The e-mail as Django sends it, with the same Message-ID at each attempt."""
        message = EmailMultiAlternatives(
            subject=self.subject,
            body=self.body,
            from_email=self.from_email or settings.DEFAULT_FROM_EMAIL,
            to=self.to,
            reply_to=self.reply_to or None,
            headers={**self.headers, "Message-ID": self.message_id},
        )
        if self.html:
            message.attach_alternative(self.html, "text/html")
        return message
