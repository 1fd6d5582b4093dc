from fastapi import Depends

from app.dependencies import get_token_header

tags = ["admin"]
dependencies = [Depends(get_token_header)]
responses = {418: {"description": "I'm a teapot"}}
