"""A local HTTP server speaking the parts of the Elasticsearch 8 REST API that
``search/elastic.py`` uses, so the real client is tested over real HTTP."""

import json
import re
from urllib.parse import unquote

from werkzeug import Response

HEADERS = {"X-Elastic-Product": "Elasticsearch", "Content-Type": "application/json"}


class FakeElasticsearch:
    def __init__(self, httpserver):
        self.server = httpserver
        self.indices: dict[str, dict] = {}  # name -> {"definition": ..., "docs": {id: source}}
        self.aliases: dict[str, str] = {}  # alias -> index
        self.synonym_sets: dict[str, list] = {}
        self.calls: list[tuple[str, str]] = []
        self.searches: list[dict] = []
        self.fail_with: int | None = None
        httpserver.expect_request(re.compile(".*")).respond_with_handler(self.handle)

    @property
    def url(self):
        return self.server.url_for("/").rstrip("/")

    def _json(self, body, status=200):
        return Response(json.dumps(body), status=status, headers=HEADERS)

    def _resolve(self, name):
        return self.aliases.get(name, name)

    def handle(self, request):
        method, path = request.method, unquote(request.path)
        self.calls.append((method, path))
        if self.fail_with:
            return self._json({"error": {"type": "unavailable"}, "status": self.fail_with}, self.fail_with)
        parts = [p for p in path.split("/") if p]
        if method == "HEAD" and not parts:
            return Response("", headers=HEADERS)
        if parts[:1] == ["_synonyms"] and method == "PUT":
            self.synonym_sets[parts[1]] = json.loads(request.data)["synonyms_set"]
            return self._json({"result": "updated", "reload_analyzers_details": {}})
        if parts == ["_bulk"] or parts[-1:] == ["_bulk"]:
            return self._bulk(request, parts)
        if parts == ["_aliases"] and method == "POST":
            for action in json.loads(request.data)["actions"]:
                if "remove" in action:
                    self.aliases.pop(action["remove"]["alias"], None)
                if "add" in action:
                    self.aliases[action["add"]["alias"]] = action["add"]["index"]
            return self._json({"acknowledged": True})
        if parts[:1] == ["_alias"] and method == "GET":
            alias = parts[1]
            if alias not in self.aliases:
                return self._json({"error": f"alias [{alias}] missing", "status": 404}, 404)
            return self._json({self.aliases[alias]: {"aliases": {alias: {}}}})
        if len(parts) == 2 and parts[1] == "_refresh":
            return self._json({"_shards": {"total": 1, "successful": 1, "failed": 0}})
        if len(parts) == 2 and parts[1] == "_search":
            return self._search(self._resolve(parts[0]), json.loads(request.data))
        if len(parts) == 1 and method == "PUT":
            self.indices[parts[0]] = {"definition": json.loads(request.data), "docs": {}}
            return self._json({"acknowledged": True, "shards_acknowledged": True, "index": parts[0]})
        if len(parts) == 1 and method == "DELETE":
            self.indices.pop(parts[0], None)
            return self._json({"acknowledged": True})
        return self._json({"error": f"not in the fake: {method} {path}", "status": 400}, 400)

    def _bulk(self, request, parts):
        lines = [json.loads(line) for line in request.data.decode().splitlines() if line.strip()]
        items, i = [], 0
        require_alias = request.args.get("require_alias") == "true"
        while i < len(lines):
            ((op, meta),) = lines[i].items()
            name = meta.get("_index") or parts[0]
            if require_alias and name not in self.aliases:
                items.append(
                    {
                        op: {
                            "_index": name,
                            "_id": meta["_id"],
                            "status": 404,
                            "error": {"type": "index_not_found_exception"},
                        }
                    }
                )
                i += 1 if op == "delete" else 2
                continue
            index = self._resolve(name)
            docs = self.indices.setdefault(index, {"definition": {}, "docs": {}})["docs"]
            if op == "delete":
                status = 200 if docs.pop(meta["_id"], None) else 404
                i += 1
            else:
                docs[meta["_id"]] = lines[i + 1]
                status = 201
                i += 2
            items.append({op: {"_index": index, "_id": meta["_id"], "status": status}})
        return self._json({"took": 1, "errors": False, "items": items})

    def _search(self, index, body):
        self.searches.append(body)
        docs = self.indices.get(index, {}).get("docs", {})
        query = body["query"]["bool"]["should"][0]["multi_match"]["query"].lower().split()
        matched = [
            (doc_id, doc)
            for doc_id, doc in docs.items()
            if any(word in f"{doc['title']} {doc.get('summary', '')} {doc.get('body', '')}".lower() for word in query)
        ]
        hits = [
            {
                "_index": index,
                "_id": doc_id,
                "_score": 1.0,
                "_source": {k: doc.get(k) for k in body["_source"] if k in doc},
                "highlight": {"summary": [f"About <mark>{query[0]}</mark> &amp; more"]},
            }
            for doc_id, doc in matched
        ][body.get("from", 0) : body.get("from", 0) + body.get("size", 10)]

        def buckets(field):
            counts = {}
            for _, doc in matched:
                counts[doc.get(field)] = counts.get(doc.get(field), 0) + 1
            return {"buckets": [{"key": k, "doc_count": n} for k, n in counts.items() if k]}

        return self._json(
            {
                "took": 1,
                "timed_out": False,
                "_shards": {"total": 1, "successful": 1, "skipped": 0, "failed": 0},
                "hits": {"total": {"value": len(matched), "relation": "eq"}, "max_score": 1.0, "hits": hits},
                "aggregations": {"content_type": buckets("content_type"), "section": buckets("section")},
                "suggest": {
                    "did_you_mean": [
                        {"text": word, "offset": 0, "length": len(word), "options": []}
                        if word != "recyling"
                        else {
                            "text": word,
                            "offset": 0,
                            "length": 8,
                            "options": [{"text": "recycling", "score": 0.9, "freq": 4}],
                        }
                        for word in query
                    ]
                },
            }
        )
