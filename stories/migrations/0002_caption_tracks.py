"""Captions become tracks, one per language; a story's single captions file becomes its first track."""

import django.db.models.deletion
import modelcluster.fields
import wagtail.fields
from django.db import migrations, models


def captions_to_tracks(apps, schema_editor):
    StoryPage = apps.get_model("stories", "StoryPage")
    CaptionTrack = apps.get_model("stories", "CaptionTrack")
    for story in StoryPage.objects.exclude(captions=None).select_related("locale"):
        CaptionTrack.objects.create(page=story, language=story.locale.language_code, file_id=story.captions_id, sort_order=0)


def tracks_to_captions(apps, schema_editor):
    StoryPage = apps.get_model("stories", "StoryPage")
    CaptionTrack = apps.get_model("stories", "CaptionTrack")
    for track in CaptionTrack.objects.order_by("-sort_order"):
        StoryPage.objects.filter(pk=track.page_id).update(captions_id=track.file_id)


class Migration(migrations.Migration):

    dependencies = [
        ('stories', '0001_initial'),
        ('wagtaildocs', '0014_alter_document_file_size'),
    ]

    operations = [
        migrations.AlterField(
            model_name='storypage',
            name='transcript',
            field=wagtail.fields.RichTextField(blank=True, help_text='Everything said in the video, for people who cannot watch or hear it. Translators translate it with the story.'),
        ),
        migrations.CreateModel(
            name='CaptionTrack',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('sort_order', models.IntegerField(blank=True, editable=False, null=True)),
                ('language', models.CharField(help_text='The language spoken in the captions.', max_length=12)),
                ('file', models.ForeignKey(help_text='A .vtt captions file in that language.', on_delete=django.db.models.deletion.CASCADE, related_name='+', to='wagtaildocs.document', verbose_name='WebVTT file')),
                ('page', modelcluster.fields.ParentalKey(on_delete=django.db.models.deletion.CASCADE, related_name='caption_tracks', to='stories.storypage')),
            ],
            options={
                'verbose_name': 'captions track',
                'ordering': ['sort_order'],
                'abstract': False,
            },
        ),
        migrations.RunPython(captions_to_tracks, tracks_to_captions),
        migrations.RemoveField(
            model_name='storypage',
            name='captions',
        ),
    ]
