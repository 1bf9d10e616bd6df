using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Vr.Standaarden.Schema.Compiled;

namespace Vr.Standaarden.Model.Tests;

/// <summary>
/// A geometry is checked straight from the reader by the stream validator of its schema and built into
/// NetTopologySuite from the reader: it must report exactly what the element validator of the same schema reports on a
/// snapshot, and build the same geometry as the snapshot route.
/// </summary>
public sealed class GeometryStreamTests
{
    private static readonly string[] Types = ["Point", "MultiPoint", "LineString", "MultiLineString", "Polygon", "MultiPolygon"];

    public static TheoryData<string> Cases() =>
    [
        """{"type":"Point","coordinates":[81390.2,455480.7]}""",
        """{"coordinates":[81390.2,455480.7,3.5],"type":"Point"}""",
        """{"type":"Point","coordinates":[81390.2]}""",
        """{"type":"Point","coordinates":[1,2,3,4]}""",
        """{"type":"Point","coordinates":[1,"2"]}""",
        """{"type":"Point","coordinates":[[1,2]]}""",
        """{"type":"Point"}""",
        """{"coordinates":[1,2]}""",
        """{"type":"Punt","coordinates":[1,2]}""",
        """{"type":7,"coordinates":[1,2]}""",
        """{"type":"99999999999999999999"}""",
        """{"type":"99999999999999999999","coordinates":[1,2]}""",
        """{"type":99999999999999999999}""",
        """{"type":"Point","coordinates":{"x":1}}""",
        """{"type":"Point","coordinates":[1,2],"crs":"EPSG:28992"}""",
        """{"type":"Point","coordinates":[1,2],"bbox":[1,2,1,2]}""",
        """{"type":"Point","coordinates":[1,2],"bbox":[1,2,"x"]}""",
        """{"\u0074ype":"Po\u0069nt","coordinates":[1,2]}""",
        """{"type":"MultiPoint","coordinates":[[1,2],[3,4,5]]}""",
        """{"type":"MultiPoint","coordinates":[1,2]}""",
        """{"type":"LineString","coordinates":[[1,2]]}""",
        """{"type":"LineString","coordinates":[[1,2],[3,4]]}""",
        """{"type":"MultiLineString","coordinates":[[[1,2],[3,4]],[[5,6]]]}""",
        """{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]}""",
        """{"type":"Polygon","coordinates":[[[0,0],[1,0],[0,0]]]}""",
        """{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,1]]]}""",
        """{"type":"Polygon","coordinates":[]}""",
        """{"type":"MultiPolygon","coordinates":[[[[0,0],[1,0],[1,1],[0,0]]],[[[5,5],[6,5],[6,6],[5,5]],[[5.1,5.1],[5.2,5.1],[5.2,5.2],[5.1,5.1]]]]}""",
        """{"type":"GeometryCollection","geometries":[]}""",
        """[1,2]""",
        """null""",
        "\"Point\"",
        """{}""",
    ];

    [Theory]
    [MemberData(nameof(Cases))]
    public void Streamed_checks_and_geometry_equal_those_of_the_snapshot_route(string geometry) => AssertSameAsSnapshot(geometry);

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void Streamed_checks_and_geometry_equal_those_of_the_snapshot_route_for_mutated_geometries(int seed)
    {
        var random = new Random(seed);
        var valid = 0;
        for (var i = 0; i < 500; i++)
        {
            var geometry = Mutate(Valid(random), random);
            valid += AssertSameAsSnapshot(geometry) ? 1 : 0;
        }

        // Both valid and broken geometries are covered.
        Assert.InRange(valid, 25, 475);
    }

    /// <summary>Asserts the two routes agree on <paramref name="geometry"/>; returns whether it is valid.</summary>
    private static bool AssertSameAsSnapshot(string geometry)
    {
        var errors = new List<SchemaViolation>();
        var locatie = Locatie.Read(Encoding.UTF8.GetBytes("{\"geometrie\":" + geometry + ",\"crs\":\"EPSG:28992\"}"), errors);
        Assert.NotNull(locatie);
        var streamed = errors.Where(e => e.InstanceLocation.StartsWith("/geometrie", StringComparison.Ordinal)).Select(Describe).Order(StringComparer.Ordinal).ToList();

        using var document = JsonDocument.Parse(geometry);
        var expected = new List<SchemaViolation>();
        GemeenschappelijkeTypenSchema.Geometrie(document.RootElement, "/geometrie", expected);
        Assert.True(
            expected.Select(Describe).Order(StringComparer.Ordinal).SequenceEqual(streamed),
            $"{geometry}\nsnapshot: {string.Join("; ", expected.Select(Describe))}\nstreamed: {string.Join("; ", streamed)}");

        var snapshot = GemeenschappelijkeTypenSchema.ToGeometry(document.RootElement);
        if (snapshot is null)
        {
            Assert.Null(locatie.Geometrie);
        }
        else
        {
            Assert.NotNull(locatie.Geometrie);
            Assert.Equal(snapshot.GeometryType, locatie.Geometrie.GeometryType);
            Assert.True(snapshot.EqualsExact(locatie.Geometrie), geometry);
            Assert.Equal(snapshot.Coordinates.Select(c => c.Z), locatie.Geometrie.Coordinates.Select(c => c.Z));
        }

        return expected.Count == 0;
    }

    private static string Describe(SchemaViolation violation) => $"{violation.InstanceLocation}|{violation.Keyword}|{violation.Message}";

    private static JsonObject Valid(Random random)
    {
        JsonArray Position() => random.Next(4) == 0
            ? [random.Next(-1000, 1000) / 10.0, random.Next(-1000, 1000) / 10.0, random.Next(0, 100)]
            : [random.Next(-1000, 1000) / 10.0, random.Next(-1000, 1000) / 10.0];
        JsonArray Positions(int min) => [.. Enumerable.Range(0, random.Next(min, min + 3)).Select(_ => (JsonNode)Position())];
        JsonArray Ring()
        {
            var ring = Positions(3);
            ring.Add(ring[0]!.DeepClone());
            return ring;
        }

        JsonArray Rings() => [.. Enumerable.Range(0, random.Next(1, 3)).Select(_ => (JsonNode)Ring())];
        var type = Types[random.Next(Types.Length)];
        JsonNode coordinates = type switch
        {
            "Point" => Position(),
            "MultiPoint" => Positions(0),
            "LineString" => Positions(2),
            "MultiLineString" => new JsonArray([.. Enumerable.Range(0, random.Next(0, 3)).Select(_ => (JsonNode)Positions(2))]),
            "Polygon" => Rings(),
            _ => new JsonArray([.. Enumerable.Range(0, random.Next(0, 3)).Select(_ => (JsonNode)Rings())]),
        };
        return new JsonObject { ["type"] = type, ["coordinates"] = coordinates };
    }

    private static string Mutate(JsonObject geometry, Random random)
    {
        for (var edits = random.Next(0, 3); edits > 0; edits--)
        {
            switch (random.Next(7))
            {
                case 0:
                    geometry["type"] = random.Next(3) == 0 ? JsonValue.Create(random.Next(10)) : Types[random.Next(Types.Length)];
                    break;
                case 1:
                    geometry.Remove(random.Next(2) == 0 ? "type" : "coordinates");
                    break;
                case 2:
                    geometry[random.Next(2) == 0 ? "bbox" : "extra"] = random.Next(2) == 0 ? new JsonArray(1, 2, 3, 4) : new JsonArray(1, "x");
                    break;
                case 3 when geometry["coordinates"] is JsonArray coordinates:
                    geometry["coordinates"] = new JsonArray(coordinates.DeepClone());
                    break;
                case 4 when geometry["coordinates"] is JsonArray { Count: > 0 } coordinates:
                    geometry["coordinates"] = coordinates[random.Next(coordinates.Count)]?.DeepClone();
                    break;
                default:
                    ReplaceLeaf(geometry["coordinates"], random);
                    break;
            }
        }

        var text = geometry.ToJsonString();
        return random.Next(6) == 0 ? text.Replace("\"type\"", "\"\\u0074ype\"", StringComparison.Ordinal) : text;
    }

    private static void ReplaceLeaf(JsonNode? node, Random random)
    {
        while (node is JsonArray { Count: > 0 } array)
        {
            var at = random.Next(array.Count);
            if (array[at] is not JsonArray || random.Next(3) == 0)
            {
                array[at] = random.Next(4) switch
                {
                    0 => JsonValue.Create("1"),
                    1 => null,
                    2 => new JsonArray(),
                    _ => JsonValue.Create(random.Next(100)),
                };
                return;
            }

            node = array[at];
        }
    }
}
