"""Let any website read the open data from a browser (CORS), because it is public.

Only the machine-readable addresses are opened: the API, data.json, Data Packages and
downloads. Requests that read (GET, HEAD) need nothing more than the one header; the API
takes no credentials, so no preflight or cookies are involved.
"""

import re

OPEN_DATA_PATHS = re.compile(
    r"^/(api/v1/|data\.json$|data/[-\w]+/(datapackage\.json|download\.\w+)$)"
)


def open_data_cors(get_response):
    def middleware(request):
        response = get_response(request)
        if request.method in ("GET", "HEAD") and OPEN_DATA_PATHS.match(request.path):
            response["Access-Control-Allow-Origin"] = "*"
        return response

    return middleware
