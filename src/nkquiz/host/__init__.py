"""``nkquiz host``: a live game for a class, pupils answering on their phones.

game.py is the game (no I/O), server.py the web server the phones talk to (aiohttp, the
``serve`` extra), screen.py the teacher's Textual screen; both run in one asyncio loop.
"""
