"""Questions per offer and question sets; HR recruiters manage the sets."""

import wagtail.fields
from django.db import migrations, models

import offers.questions
from home.groups import set_group_permissions

# Frozen here: later changes of permissions go in migrations of their own.
HR_RECRUITERS = "HR recruiters"
HR_PERMISSIONS = [
    "add_questionset",
    "change_questionset",
    "delete_questionset",
    "view_questionset",
]


def grant(apps, schema_editor):
    set_group_permissions(apps, "offers", HR_RECRUITERS, HR_PERMISSIONS)


def revoke(apps, schema_editor):
    set_group_permissions(apps, "offers", HR_RECRUITERS, HR_PERMISSIONS, grant=False)


class Migration(migrations.Migration):

    dependencies = [
        ('offers', '0009_offer_search_documents'),
        ('home', '0002_staff_groups'),
        ('auth', '0012_alter_user_first_name_max_length'),
        ('contenttypes', '0002_remove_content_type_name'),
    ]

    operations = [
        migrations.CreateModel(
            name='QuestionSet',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(help_text='For HR only, e.g. Availability; candidates never see it.', max_length=120, unique=True, verbose_name='name')),
                ('questions', wagtail.fields.StreamField([('yes_no', 4), ('single_choice', 7), ('multiple_choice', 7), ('short_text', 8), ('number', 11), ('date', 8)], block_lookup={0: ('wagtail.blocks.CharBlock', (), {'help_text': 'As candidates read it, e.g. “Do you hold a driving licence?”', 'label': 'Question', 'max_length': 255}), 1: ('wagtail.blocks.CharBlock', (), {'help_text': 'Optional; shown under the question.', 'label': 'Help text', 'max_length': 255, 'required': False}), 2: ('wagtail.blocks.BooleanBlock', (), {'default': True, 'help_text': 'Candidates must answer it to send their application.', 'label': 'Answer required', 'required': False}), 3: ('wagtail.blocks.ChoiceBlock', [], {'choices': [('yes', 'Yes'), ('no', 'No')], 'help_text': 'Optional: the answer that rules a candidate out. The application is still sent, flagged for HR; the candidate is not told.', 'label': 'Knock-out answer', 'required': False}), 4: ('wagtail.blocks.StructBlock', [[('text', 0), ('help_text', 1), ('required', 2), ('knockout_answer', 3)]], {}), 5: ('wagtail.blocks.CharBlock', (), {'label': 'Option', 'max_length': 200}), 6: ('wagtail.blocks.ListBlock', (5,), {'help_text': 'What candidates choose from, in this order.', 'label': 'Options', 'min_num': 2}), 7: ('wagtail.blocks.StructBlock', [[('text', 0), ('help_text', 1), ('required', 2), ('options', 6)]], {}), 8: ('wagtail.blocks.StructBlock', [[('text', 0), ('help_text', 1), ('required', 2)]], {}), 9: ('wagtail.blocks.DecimalBlock', (), {'decimal_places': 2, 'help_text': 'Optional; e.g. 0.', 'label': 'Smallest answer', 'max_digits': 12, 'required': False}), 10: ('wagtail.blocks.DecimalBlock', (), {'decimal_places': 2, 'help_text': 'Optional; at least the smallest.', 'label': 'Largest answer', 'max_digits': 12, 'required': False}), 11: ('wagtail.blocks.StructBlock', [[('text', 0), ('help_text', 1), ('required', 2), ('min_value', 9), ('max_value', 10)]], {})}, help_text='Asked, in this order, by every offer that includes the set; answers already sent keep the questions as they were asked.', verbose_name='questions')),
            ],
            options={
                'verbose_name': 'question set',
                'verbose_name_plural': 'question sets',
                'ordering': ['name'],
            },
        ),
        migrations.AddField(
            model_name='offerpage',
            name='questions',
            field=wagtail.fields.StreamField([('yes_no', 4), ('single_choice', 7), ('multiple_choice', 7), ('short_text', 8), ('number', 11), ('date', 8), ('question_set', 12)], blank=True, block_lookup={0: ('wagtail.blocks.CharBlock', (), {'help_text': 'As candidates read it, e.g. “Do you hold a driving licence?”', 'label': 'Question', 'max_length': 255}), 1: ('wagtail.blocks.CharBlock', (), {'help_text': 'Optional; shown under the question.', 'label': 'Help text', 'max_length': 255, 'required': False}), 2: ('wagtail.blocks.BooleanBlock', (), {'default': True, 'help_text': 'Candidates must answer it to send their application.', 'label': 'Answer required', 'required': False}), 3: ('wagtail.blocks.ChoiceBlock', [], {'choices': [('yes', 'Yes'), ('no', 'No')], 'help_text': 'Optional: the answer that rules a candidate out. The application is still sent, flagged for HR; the candidate is not told.', 'label': 'Knock-out answer', 'required': False}), 4: ('wagtail.blocks.StructBlock', [[('text', 0), ('help_text', 1), ('required', 2), ('knockout_answer', 3)]], {}), 5: ('wagtail.blocks.CharBlock', (), {'label': 'Option', 'max_length': 200}), 6: ('wagtail.blocks.ListBlock', (5,), {'help_text': 'What candidates choose from, in this order.', 'label': 'Options', 'min_num': 2}), 7: ('wagtail.blocks.StructBlock', [[('text', 0), ('help_text', 1), ('required', 2), ('options', 6)]], {}), 8: ('wagtail.blocks.StructBlock', [[('text', 0), ('help_text', 1), ('required', 2)]], {}), 9: ('wagtail.blocks.DecimalBlock', (), {'decimal_places': 2, 'help_text': 'Optional; e.g. 0.', 'label': 'Smallest answer', 'max_digits': 12, 'required': False}), 10: ('wagtail.blocks.DecimalBlock', (), {'decimal_places': 2, 'help_text': 'Optional; at least the smallest.', 'label': 'Largest answer', 'max_digits': 12, 'required': False}), 11: ('wagtail.blocks.StructBlock', [[('text', 0), ('help_text', 1), ('required', 2), ('min_value', 9), ('max_value', 10)]], {}), 12: ('offers.questions.QuestionSetChooserBlock', (), {})}, help_text='Asked in the application form, in this order: questions of this offer and question sets. Answers already sent keep the questions as they were asked.', verbose_name='questions to candidates'),
        ),
        migrations.RunPython(grant, revoke),
    ]
