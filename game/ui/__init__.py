"""The game window: pygame-ce and pygame_gui scenes that read the world and send commands.

`game.ui` depends on `game.sim`, never the other way round. Views only read the world;
everything a team does goes through `Match.apply(command)`, which the engine checks.
Start with `app.py` (window, loop, scene stack) and `scenes/main.py` (the main screen).
"""
