using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;

namespace Vr.Standaarden.Generator.Engine;

/// <summary>
/// The schemas and code lists of the standard's releases, embedded in the assembly that runs the engine, so a region's
/// schema can <c>$ref</c> the standard by its <c>$id</c> without copying it: such references resolve to the types of the
/// Vr.Standaarden.Model package. A schema among the project's own files with the same <c>$id</c> takes precedence.
/// </summary>
internal static class EmbeddedSpec
{
    /// <summary>The namespace of the standard's generated types (the Vr.Standaarden.Model package).</summary>
    public const string ModelNamespace = "Vr.Standaarden.Model";

    private const string Prefix = "VrSpec/";

    private static readonly Lazy<FileExports[]> Cache = new(Load);

    public static IReadOnlyList<FileExports> Exports => Cache.Value;

    /// <summary>The embedded exports followed by the project's own, so that the project's win on equal URIs.</summary>
    public static EquatableArray<FileExports> With(IEnumerable<FileExports> local) =>
        new(Exports.Concat(local.OrderBy(e => e.Path, StringComparer.Ordinal)).ToArray());

    private static FileExports[] Load()
    {
        var assembly = typeof(EmbeddedSpec).GetTypeInfo().Assembly;
        var exports = new List<FileExports>();
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)).OrderBy(n => n, StringComparer.Ordinal))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var reader = new StreamReader(stream);
            exports.Add(SchemaCompiler.Export(new SchemaSource("embedded:/" + name, reader.ReadToEnd()), ModelNamespace));
        }

        return exports.ToArray();
    }
}
