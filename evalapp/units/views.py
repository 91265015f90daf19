"""The commune type-ahead: communes by name, with or without accents, as JSON."""

from flask import Blueprint, jsonify, request

from evalapp.common.access import signed_in
from evalapp.common.routing import id_argument
from evalapp.units.queries import search_communes

bp = Blueprint("units", __name__, url_prefix="/units")


@bp.route("/communes.json")
@signed_in
def communes():
    province_id = id_argument("province")
    found = search_communes(request.args.get("q", "")[:100], province_id)
    return jsonify(
        results=[
            {
                "id": unit.id,
                "name": unit.name,
                "official_code": unit.official_code,
                "province": province.name if (province := unit.province()) else None,
            }
            for unit in found
        ]
    )
