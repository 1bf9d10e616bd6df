using System.Text.Json;

namespace Vr.Standaarden.Spec;

/// <summary>Where a <c>$ref</c> of the standard leads: a file of a release, the JSON Pointer in it, and the schema found there.</summary>
/// <param name="Release">The release the file belongs to.</param>
/// <param name="File">The schema or code list.</param>
/// <param name="JsonPointer">The JSON Pointer to the schema in <paramref name="File"/>; empty for its root.</param>
/// <param name="Node">The schema at <paramref name="JsonPointer"/>.</param>
public sealed record SchemaTarget(StandardRelease Release, StandardFile File, string JsonPointer, JsonElement Node)
{
    /// <summary>The file and pointer relative to the release (<c>schemas/incident.schema.json#/$defs/grip</c>): equal for "the same" schema in two releases.</summary>
    public string Relative => File.Path + "#" + JsonPointer;
}
