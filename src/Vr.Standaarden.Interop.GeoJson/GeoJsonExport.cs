using System.Text.Json.Nodes;
using Vr.Standaarden.Begrippen.Geometrie;

namespace Vr.Standaarden.Interop.GeoJson;

/// <summary>
/// Messages of the standard as one GeoJSON FeatureCollection (RFC 7946: WGS 84, longitude first, no <c>crs</c>
/// member, coordinates to 7 decimals):
/// <list type="bullet">
/// <item><description>a <c>waarschuwing</c> gives a feature per area: its polygons, and its circles as 64-point polygons (radius in <c>straalKm</c>), as a Polygon or MultiPolygon;</description></item>
/// <item><description>an entity with <c>locatie.geometrie</c> (melding, incident, evenement, …) gives a feature with that geometry, converted from RD New (EPSG:28992) or from latitude-first ETRS89/WGS 84 where needed;</description></item>
/// <item><description>any other message gives a feature without geometry (<c>null</c>), so a list keeps every message.</description></item>
/// </list>
/// Properties: <c>id</c>, <c>entiteit</c>, <c>bron</c> (source), <c>tijd</c>, <c>tlp</c>, and per entity the fields a map
/// shows (classificatie, prioriteit, omschrijving, veiligheidsregio; gebeurtenis, kop, ernst, urgentie, zekerheid,
/// verloopt, gebied).
/// </summary>
public static class GeoJsonExport
{
    private const double EarthRadiusKm = 6371.0088;

    /// <summary>The FeatureCollection of <paramref name="messages"/>.</summary>
    public static JsonObject FeatureCollection(IEnumerable<JsonObject> messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var features = new JsonArray();
        foreach (var message in messages)
        {
            foreach (var feature in Features(message))
            {
                features.Add(feature);
            }
        }

        return new JsonObject { ["type"] = "FeatureCollection", ["features"] = features };
    }

    /// <summary>The features of one message.</summary>
    public static IEnumerable<JsonObject> Features(JsonObject message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var data = message["data"] as JsonObject ?? [];
        var type = (string?)message["type"] ?? "";
        var parts = type.Split('.');
        var entity = parts.Length >= 2 ? parts[^2] : type;
        JsonObject Properties()
        {
            var properties = new JsonObject
            {
                ["id"] = (string?)data["id"] ?? (string?)message["id"],
                ["entiteit"] = entity,
                ["bron"] = (string?)message["source"],
                ["tijd"] = (string?)message["time"],
                ["tlp"] = (string?)message["tlp"],
            };
            foreach (var name in new[] { "classificatie", "omschrijving", "gebeurtenis", "kop", "ernst", "urgentie", "zekerheid", "verloopt", "status", "fase" })
            {
                if (data[name] is JsonValue value)
                {
                    properties[name] = value.DeepClone();
                }
            }

            if (data["prioriteiten"]?[0]?["prioriteit"] is JsonValue priority)
            {
                properties["prioriteit"] = priority.DeepClone();
            }

            if (data["grip"]?["niveau"] is JsonValue grip)
            {
                properties["grip"] = grip.DeepClone();
            }

            if (data["locatie"]?["veiligheidsregio"] is JsonValue region)
            {
                properties["veiligheidsregio"] = region.DeepClone();
            }

            return properties;
        }

        if (data["gebieden"] is JsonArray areas)
        {
            foreach (var area in areas.OfType<JsonObject>())
            {
                var polygons = new List<JsonArray>();
                foreach (var ring in area["polygonen"] as JsonArray ?? [])
                {
                    polygons.Add(new JsonArray(new JsonArray(Ring(ring as JsonArray ?? []))));
                }

                var radii = new JsonArray();
                foreach (var circle in (area["cirkels"] as JsonArray ?? []).OfType<JsonObject>())
                {
                    var centre = circle["middelpunt"] as JsonArray;
                    if (centre is { Count: >= 2 } && circle["straalKm"] is { } radius)
                    {
                        polygons.Add(new JsonArray(new JsonArray(Circle(Number(centre[0]), Number(centre[1]), Number(radius)))));
                        radii.Add(Number(radius));
                    }
                }

                var properties = Properties();
                properties["gebied"] = (string?)area["omschrijving"];
                if (radii.Count > 0)
                {
                    properties["straalKm"] = radii;
                }

                yield return Feature(polygons.Count switch
                {
                    0 => null,
                    1 => new JsonObject { ["type"] = "Polygon", ["coordinates"] = polygons[0] },
                    _ => new JsonObject { ["type"] = "MultiPolygon", ["coordinates"] = new JsonArray([.. polygons]) },
                }, properties);
            }

            yield break;
        }

        var location = data["locatie"] as JsonObject;
        var geometry = location?["geometrie"] as JsonObject;
        yield return Feature(geometry is null ? null : Convert(geometry, (string?)location!["crs"]), Properties());
    }

    private static JsonObject Feature(JsonObject? geometry, JsonObject properties) =>
        new() { ["type"] = "Feature", ["geometry"] = geometry, ["properties"] = properties };

    private static JsonObject Convert(JsonObject geometry, string? crs)
    {
        var system = crs is null ? CoordinateReferenceSystem.Crs84 : CoordinateReferenceSystem.FromCode(crs);
        Func<double, double, (double Lon, double Lat)> position = system.Srid == 28992
            ? (x, y) => RdTransformation.ToWgs84(new RdCoordinate(x, y)) is var g ? (g.Longitude, g.Latitude) : default
            : system.AxisOrder == AxisOrder.NorthEast ? (a, b) => (b, a) : (a, b) => (a, b);
        return new JsonObject { ["type"] = (string?)geometry["type"], ["coordinates"] = Coordinates(geometry["coordinates"], position) };
    }

    private static JsonArray? Coordinates(JsonNode? node, Func<double, double, (double Lon, double Lat)> position)
    {
        if (node is not JsonArray array)
        {
            return null;
        }

        if (array.Count >= 2 && array[0] is JsonValue)
        {
            var (lon, lat) = position(Number(array[0]), Number(array[1]));
            return new JsonArray(Math.Round(lon, 7), Math.Round(lat, 7));
        }

        return new JsonArray([.. array.Select(a => (JsonNode?)Coordinates(a, position))]);
    }

    private static JsonNode[] Ring(JsonArray ring) =>
        [.. ring.OfType<JsonArray>().Select(p => (JsonNode)new JsonArray(Math.Round(Number(p[0]), 7), Math.Round(Number(p[1]), 7)))];

    private static double Number(JsonNode? node) =>
        double.Parse(node?.ToJsonString() ?? "NaN", System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A circle as a closed ring of 64 points (counter-clockwise, RFC 7946's right-hand rule).</summary>
    private static JsonNode[] Circle(double lon, double lat, double radiusKm)
    {
        const int Points = 64;
        var ring = new JsonNode[Points + 1];
        var lat1 = lat * Math.PI / 180;
        var lon1 = lon * Math.PI / 180;
        var angle = radiusKm / EarthRadiusKm;
        for (var i = 0; i < Points; i++)
        {
            var bearing = 2 * Math.PI * i / Points;
            var lat2 = Math.Asin((Math.Sin(lat1) * Math.Cos(angle)) + (Math.Cos(lat1) * Math.Sin(angle) * Math.Cos(bearing)));
            var lon2 = lon1 + Math.Atan2(Math.Sin(bearing) * Math.Sin(angle) * Math.Cos(lat1), Math.Cos(angle) - (Math.Sin(lat1) * Math.Sin(lat2)));
            ring[Points - i] = new JsonArray(Math.Round(lon2 * 180 / Math.PI, 7), Math.Round(lat2 * 180 / Math.PI, 7));
        }

        ring[0] = ring[Points].DeepClone();
        return ring;
    }
}
