using System.Text;
using System.Text.Json;
using Vr.Standaarden.Schema.Compiled;
using Vr.Standaarden.Schema.Input;

namespace Vr.Standaarden.Model;

/// <summary>
/// Entry points for messages of major line 1 of the standard (every 1.x release): read (checking the schema while
/// reading), write, and validate. The types themselves (<see cref="Bericht"/>, <see cref="Incident"/>, …) are generated
/// at build time from the newest 1.x release under <c>spec/</c>; a minor release keeps every valid message valid, so they
/// read messages of the older 1.x releases too.
/// </summary>
public static class Messages
{
    /// <summary>The release of the standard these models are generated from: the newest of major line 1.</summary>
    public static string Release { get; } = Spec.Standard.TryParseId(BerichtSchema.SchemaId, out var release, out _) ? release : "";

    /// <summary>
    /// Reads a message (envelope and data) within <see cref="InputLimits.Default"/>. Violations of the schema are in
    /// <paramref name="errors"/>; what is valid is kept.
    /// </summary>
    /// <returns>
    /// The message, or <c>null</c> when the bytes are not a JSON object: too large or nested too deeply, not UTF-8, or not
    /// JSON, each reported as one violation with <see cref="SchemaViolation.Problem"/> saying what and where.
    /// </returns>
    public static Bericht? Read(ReadOnlySpan<byte> utf8Json, out IReadOnlyList<SchemaViolation> errors) => Read(utf8Json, InputLimits.Default, out errors);

    /// <summary>Reads a message (envelope and data) within <paramref name="limits"/>. Violations of the schema are in <paramref name="errors"/>; what is valid is kept.</summary>
    /// <inheritdoc cref="Read(ReadOnlySpan{byte}, out IReadOnlyList{SchemaViolation})" path="/returns"/>
    public static Bericht? Read(ReadOnlySpan<byte> utf8Json, InputLimits limits, out IReadOnlyList<SchemaViolation> errors)
    {
        ArgumentNullException.ThrowIfNull(limits);
        var list = new List<SchemaViolation>();
        var message = Bericht.Read(utf8Json, list, limits);
        errors = list;
        return message;
    }

    /// <summary>Reads the data of <paramref name="message"/> as <typeparamref name="T"/>, for example <see cref="Incident"/>.</summary>
    /// <returns>The data, or <c>null</c> when it is not a JSON object.</returns>
    public static T? ReadData<T>(Bericht message, out IReadOnlyList<SchemaViolation> errors)
        where T : class, ISchemaType<T>
    {
        ArgumentNullException.ThrowIfNull(message);
        var list = new List<SchemaViolation>();
        errors = list;
        if (message.Data.ValueKind != JsonValueKind.Object)
        {
            list.Add(new SchemaViolation("/data", "type", "Expected an object."));
            return null;
        }

        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(message.Data.GetRawText()));
        reader.Read();
        return T.ReadValue(ref reader, "/data", list);
    }

    /// <summary>The message as UTF-8 JSON, members in schema order.</summary>
    public static byte[] Write(Bericht message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return message.ToUtf8Json();
    }

    /// <summary>The violations of the schema in a message, without keeping it.</summary>
    public static IReadOnlyList<SchemaViolation> Validate(ReadOnlySpan<byte> utf8Json)
    {
        Read(utf8Json, out var errors);
        return errors;
    }

    /// <summary>
    /// A schema or code list of <see cref="Release"/> exactly as in <c>spec/</c>, by its path there, for example
    /// <c>schemas/incident.schema.json</c> or <c>codelijsten/grip-niveau.json</c>.
    /// </summary>
    /// <exception cref="FileNotFoundException">The release has no such file.</exception>
    public static ReadOnlyMemory<byte> SpecFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return (Spec.Standard.Release(Release).Find(path)
            ?? throw new FileNotFoundException($"Release {Release} has no file '{path}'; use schemas/<name>.schema.json or codelijsten/<name>.json.", path)).Utf8;
    }
}
