from fastapi import Depends

from app.dependencies import get_token_header

tags = ["items"]
dependencies = [Depends(get_token_header)]
responses = {404: {"description": "Not found"}}
