using System.Text.Json.Nodes;
using Vr.Standaarden.Interop.Cap;
using Vr.Standaarden.Interop.GeoJson;

namespace Vr.Standaarden.Interop.Tests;

public sealed class GeoJsonTests
{
    [Fact]
    public void Cap_areas_become_features_longitude_first_with_circles_as_closed_rings()
    {
        var messages = CapMapping.ToMessages(CapReader.Read(Fixtures.Cap("nl-alert-brand.xml")));
        var collection = GeoJsonExport.FeatureCollection(messages);
        Assert.Equal("FeatureCollection", (string?)collection["type"]);
        Assert.Null(collection["crs"]);
        var features = collection["features"]!.AsArray();
        Assert.Equal(2, features.Count);
        var geometry = features[0]!["geometry"]!;
        Assert.Equal("MultiPolygon", (string?)geometry["type"]);
        var polygons = geometry["coordinates"]!.AsArray();
        Assert.Equal(3, polygons.Count);
        Assert.Equal("[4.35,52]", polygons[0]![0]![0]!.ToJsonString());
        var circle = polygons[2]![0]!.AsArray();
        Assert.Equal(65, circle.Count);
        Assert.Equal(circle[0]!.ToJsonString(), circle[64]!.ToJsonString());
        // 1.5 km north of the centre: about 0.0135 degrees of latitude.
        var latitudes = circle.Select(p => (double)p![1]!).ToList();
        Assert.InRange(latitudes.Max() - 52.0049, 0.0130, 0.0140);
        Assert.True(SignedArea(circle) > 0, "A circle's ring runs counter-clockwise (RFC 7946 right-hand rule).");
        var properties = features[0]!["properties"]!;
        Assert.Equal(("waarschuwing", "Severe", "Delft-Zuid en Rijswijk-Oost"), ((string?)properties["entiteit"], (string?)properties["ernst"], (string?)properties["gebied"]));
        Assert.Equal("[1.5]", properties["straalKm"]!.ToJsonString());
    }

    [Fact]
    public void An_rd_location_is_converted_and_a_message_without_one_is_kept_without_geometry()
    {
        var melding = new JsonObject
        {
            ["id"] = "m1",
            ["type"] = "nl.veiligheidsregio.melding.v1",
            ["source"] = "urn:nld:oin:00000004000000042000",
            ["data"] = new JsonObject
            {
                ["id"] = "MK-1",
                ["classificatie"] = "brgb01",
                ["prioriteiten"] = new JsonArray(new JsonObject { ["discipline"] = "BRW", ["prioriteit"] = "P1" }),
                ["locatie"] = new JsonObject { ["geometrie"] = new JsonObject { ["type"] = "Point", ["coordinates"] = new JsonArray(155000, 463000) }, ["crs"] = "EPSG:28992", ["veiligheidsregio"] = "VR09" },
            },
        };
        var bare = new JsonObject { ["id"] = "m2", ["type"] = "nl.veiligheidsregio.besluit.v1", ["data"] = new JsonObject { ["id"] = "B-1" } };
        var features = GeoJsonExport.FeatureCollection([melding, bare])["features"]!.AsArray();
        var point = features[0]!["geometry"]!["coordinates"]!.AsArray();
        // Amersfoort, the origin of RD: 52.1551744 N, 5.3872062 E (within 4 decimals, about 10 m).
        Assert.Equal(5.3872062, (double)point[0]!, 4);
        Assert.Equal(52.1551744, (double)point[1]!, 4);
        Assert.Equal(("brgb01", "P1", "VR09"), ((string?)features[0]!["properties"]!["classificatie"], (string?)features[0]!["properties"]!["prioriteit"], (string?)features[0]!["properties"]!["veiligheidsregio"]));
        Assert.Null(features[1]!["geometry"]);
        Assert.Equal("B-1", (string?)features[1]!["properties"]!["id"]);
    }

    private static double SignedArea(JsonArray ring)
    {
        var area = 0.0;
        for (var i = 0; i + 1 < ring.Count; i++)
        {
            area += ((double)ring[i]![0]! * (double)ring[i + 1]![1]!) - ((double)ring[i + 1]![0]! * (double)ring[i]![1]!);
        }

        return area / 2;
    }
}
