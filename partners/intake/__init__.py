"""Intake: the partnership interest form and letter-of-support requests, from the form a frontend renders
to the staff who work through what arrives.

pages        the two form pages and what they share
interest     the interest form's editor-set fields and its stored submissions
letters      the letter-of-support request and its history
attachments  the files sent with a request: checked, then kept private
forms        what a letter request must contain
workflow     a request's review states and the moves between them
submissions  taking in what the public sends: checked, limited, stored once
emails       the emails each step causes
staff        the staff groups that work through intake
admin        the letters listing, review screen and notification warnings
exports      spreadsheets of what arrived
graphql      the queries and mutations; graphql_types the API types they answer with
seed         the demo's forms and sample staff
"""
