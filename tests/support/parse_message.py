#!/usr/bin/python3
"""Parses one RFC 5322 message from stdin with Python's email package (an independent reader for
the suites, through pythonmessageparser.h) and prints a JSON description of it on stdout:

{
  "headers": [[name, decoded value], ...],          # top level, in order, RFC 2047 decoded
  "addresses": {"to": [[display name, address], ...], ...},  # for address fields
  "rawHeaders": [[name, raw unfolded value], ...],
  "defects": ["...", ...],                          # parser defects anywhere in the message
  "parts": [{"path": "0.1", "contentType": "text/plain", "charset": "utf-8" or null,
             "transferEncoding": "base64" or null, "disposition": "attachment" or null,
             "filename": "..." or null, "isMultipart": bool, "payload": base64 of decoded bytes}]
}
Every part of the tree is listed, depth first, multiparts included (without payload).
"""

import base64
import email
import email.policy
import json
import sys


def clean(text):
    """Header text as Unicode; UTF-8 octets (RFC 6532) arrive as surrogate escapes."""
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def describe(part, path, parts, defects):
    defects.extend(f"{path}: {type(d).__name__}" for d in part.defects)
    entry = {
        "path": path,
        "contentType": part.get_content_type(),
        "charset": part.get_content_charset(),
        "transferEncoding": part.get("Content-Transfer-Encoding"),
        "disposition": part.get_content_disposition(),
        "filename": part.get_filename(),
        "isMultipart": part.is_multipart(),
        "payload": None,
    }
    if entry["transferEncoding"] is not None:
        entry["transferEncoding"] = str(entry["transferEncoding"]).lower()
    parts.append(entry)
    if part.is_multipart():
        for index, child in enumerate(part.iter_parts()):
            describe(child, f"{path}.{index}", parts, defects)
    else:
        entry["payload"] = base64.b64encode(part.get_payload(decode=True) or b"").decode("ascii")


def main():
    data = sys.stdin.buffer.read()
    message = email.message_from_bytes(data, policy=email.policy.default)
    raw = email.message_from_bytes(data, policy=email.policy.compat32)
    parts, defects = [], []
    headers = []
    addresses = {}
    for name, value in message.items():
        try:
            headers.append([name, clean(str(value))])
            if hasattr(value, "addresses"):
                addresses.setdefault(name.lower(), []).extend(
                    [clean(a.display_name), clean(a.addr_spec)] for a in value.addresses)
        except Exception as error:  # a header the policy cannot parse is a failure to report
            defects.append(f"header {name}: {error}")
    raw_headers = [[name, clean("".join(str(value).splitlines()))] for name, value in raw.items()]
    describe(message, "0", parts, defects)
    json.dump({"headers": headers, "addresses": addresses, "rawHeaders": raw_headers, "defects": defects, "parts": parts},
              sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main()
