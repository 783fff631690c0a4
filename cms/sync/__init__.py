"""Delta sync: what changed since a token, for apps and kiosks that keep an offline copy.

Every page or snippet that has ever been public has one `SyncEntry`, numbered by the change that last
touched it; a client keeps the number it has seen (its token) and asks for what came after. Items that
were never public have no entry at all, so not even their ids can show.
"""
