using System.Text.Json;
using System.Text.Json.Serialization;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Converters;

namespace Vr.Standaarden.Begrippen.Geometrie;

/// <summary>
/// GeoJSON geometry read and write on NetTopologySuite, following the API Design Rules geospatial module: CRS84
/// (longitude, latitude) unless RD New is declared, for example with a <c>Content-Crs</c> header or the <c>crs</c>
/// field of a <c>locatie</c>. Coordinates are written with 8 decimals for degrees and 3 for metres (about 1 mm).
/// </summary>
public static class GeoJson
{
    private static readonly JsonSerializerOptions Options = CreateOptions();

    // Called directly rather than through JsonSerializer: reflection-based serialization is off in trimmed and AOT apps.
    private static readonly JsonConverter<Geometry> Converter =
        (JsonConverter<Geometry>)new GeoJsonConverterFactory().CreateConverter(typeof(Geometry), Options)!;

    /// <summary>Serializer options with the NetTopologySuite GeoJSON converters, for use in your own serialization.</summary>
    public static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions();
        options.Converters.Add(new GeoJsonConverterFactory());
        return options;
    }

    /// <summary>
    /// Reads a GeoJSON geometry whose coordinates are in <paramref name="crs"/> (CRS84 when omitted); the result carries
    /// that system's SRID. Throws <see cref="JsonException"/> for JSON that is not a geometry.
    /// </summary>
    public static Geometry Read(string json, CoordinateReferenceSystem? crs = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        var reader = new Utf8JsonReader(System.Text.Encoding.UTF8.GetBytes(json));
        if (!reader.Read())
        {
            throw new JsonException("The text holds no JSON value, not a GeoJSON geometry.");
        }

        var geometry = Converter.Read(ref reader, typeof(Geometry), Options) ?? throw new JsonException("The JSON is null, not a GeoJSON geometry.");
        if (reader.Read())
        {
            throw new JsonException("There is text after the GeoJSON geometry.");
        }

        geometry.SRID = (crs ?? CoordinateReferenceSystem.Crs84).Srid;
        return geometry;
    }

    /// <summary>
    /// Writes <paramref name="geometry"/> as GeoJSON in <paramref name="crs"/> (CRS84 when omitted), transforming it from the
    /// system of its SRID when that differs.
    /// </summary>
    public static string Write(Geometry geometry, CoordinateReferenceSystem? crs = null)
    {
        ArgumentNullException.ThrowIfNull(geometry);
        var target = crs ?? CoordinateReferenceSystem.Crs84;
        var output = geometry.SRID == target.Srid ? geometry.Copy() : GeometryTransformation.Transform(geometry, target);
        var precision = new PrecisionModel(target.IsGeographic ? 1e8 : 1e3);
        output.Apply(new RoundFilter(precision));
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            Converter.Write(writer, output, Options);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private sealed class RoundFilter(PrecisionModel precision) : IEntireCoordinateSequenceFilter
    {
        public bool Done => false;

        public bool GeometryChanged => true;

        public void Filter(CoordinateSequence seq)
        {
            for (var i = 0; i < seq.Count; i++)
            {
                seq.SetX(i, precision.MakePrecise(seq.GetX(i)));
                seq.SetY(i, precision.MakePrecise(seq.GetY(i)));
            }
        }
    }
}
