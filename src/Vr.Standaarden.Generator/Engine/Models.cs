using System;

namespace Vr.Standaarden.Generator.Engine;

/// <summary>A schema file as given: its path (with '/' separators) and text.</summary>
internal sealed record SchemaSource(string Path, string Text);

/// <summary>
/// What other files need to know of a schema to refer to it: for each addressable schema (the root, each <c>$defs</c>
/// entry) its absolute URI and how it maps to C#.
/// </summary>
internal sealed record TypeExport(string Uri, TypeKind Kind, string CsType, string? Helper);

/// <summary>The exports of one file, or the reason it has none.</summary>
/// <remarks>
/// <see cref="BaseName"/> names the file's root type; <see cref="SameTitleAs"/> is the file that held that name first
/// when the catalogue had to rename this file's types to keep them apart.
/// </remarks>
internal sealed record FileExports(string Path, string? BaseUri, EquatableArray<TypeExport> Types, string BaseName = "", string? SameTitleAs = null)
{
    /// <summary>The <c>$defs</c> entries whose types the catalogue renamed: key, new type name, and the file that held the name first.</summary>
    public EquatableArray<RenamedDefinition> RenamedDefinitions { get; init; } = new([]);
}

/// <summary>A <c>$defs</c> entry whose type name another file held first, and the name it gets instead.</summary>
internal sealed record RenamedDefinition(string Key, string Name, string SameNameAs);

/// <summary>A diagnostic as data: id, place and message, reported by the generator or printed by the CLI.</summary>
internal sealed record DiagnosticInfo(string Id, string Path, int Line, int Column, string Message) : IComparable<DiagnosticInfo>
{
    public int CompareTo(DiagnosticInfo? other) =>
        other is null ? 1 : string.CompareOrdinal($"{Path}\u0000{Line:D6}{Column:D6}{Id}{Message}", $"{other.Path}\u0000{other.Line:D6}{other.Column:D6}{other.Id}{other.Message}");
}

/// <summary>The source generated for one schema file, its hint name and its diagnostics.</summary>
/// <remarks>
/// <see cref="StandardReference"/> is where the file first refers to a type of the standard's embedded release, which
/// only compiles in a project that references the Vr.Standaarden.Model package.
/// </remarks>
internal sealed record GeneratedFile(string HintName, string Source, EquatableArray<DiagnosticInfo> Diagnostics, DiagnosticInfo? StandardReference = null);

/// <summary>How a schema maps to C#.</summary>
internal enum TypeKind
{
    /// <summary>Any JSON value, kept as a <c>JsonElement</c>.</summary>
    Any,
    String,
    DateTime,
    Date,
    Uuid,
    Integer,
    Number,
    Boolean,
    /// <summary>A generated enum (closed list of strings).</summary>
    Enum,
    /// <summary>A generated class (object with properties).</summary>
    Class,
    /// <summary>A list; the item type is in the C# type.</summary>
    Array,
    /// <summary>A dictionary of values (object without properties).</summary>
    Map,
    /// <summary>A GeoJSON geometry, held as a NetTopologySuite geometry.</summary>
    Geometry,
}
