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

    private static readonly Lazy<HashSet<TypeExport>> Types = new(() => new HashSet<TypeExport>(Cache.Value.SelectMany(f => f.Types), Identity.Instance));

    public static IReadOnlyList<FileExports> Exports => Cache.Value;

    /// <summary>Whether <paramref name="export"/> is a type of the embedded standard itself (not a project file with the same content).</summary>
    public static bool IsEmbedded(TypeExport export) => Types.Value.Contains(export);

    /// <summary>
    /// The embedded exports followed by the project's own, so that the project's win on equal URIs. Of two files whose
    /// root types would have the same name (the same <c>title</c>), the one later in path order gets a numbered name.
    /// </summary>
    public static EquatableArray<FileExports> With(IEnumerable<FileExports> local)
    {
        var taken = new Dictionary<string, string>(StringComparer.Ordinal);
        var files = new List<FileExports>();
        foreach (var file in local.OrderBy(e => e.Path, StringComparer.Ordinal))
        {
            if (file.BaseName.Length == 0 || !taken.TryGetValue(file.BaseName, out var first))
            {
                if (file.BaseName.Length > 0)
                {
                    taken[file.BaseName] = file.Path;
                }

                files.Add(file);
                continue;
            }

            var renamed = file.BaseName + "2";
            for (var i = 3; taken.ContainsKey(renamed); i++)
            {
                renamed = file.BaseName + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            taken[renamed] = file.Path;
            files.Add(file with
            {
                BaseName = renamed,
                SameTitleAs = first,
                Types = new EquatableArray<TypeExport>(file.Types.Select(t => Rename(t, file.BaseName, renamed)).ToArray()),
            });
        }

        return new(Exports.Concat(files).ToArray());
    }

    private static TypeExport Rename(TypeExport export, string from, string to) => export with
    {
        CsType = export.CsType.EndsWith("." + from, StringComparison.Ordinal) ? export.CsType.Substring(0, export.CsType.Length - from.Length) + to : export.CsType,
        Helper = export.Helper?.Replace("." + from + "Schema.", "." + to + "Schema.") is { } helper && helper.EndsWith("." + from + "Codes", StringComparison.Ordinal)
            ? helper.Substring(0, helper.Length - from.Length - "Codes".Length) + to + "Codes"
            : export.Helper?.Replace("." + from + "Schema.", "." + to + "Schema."),
    };

    private sealed class Identity : IEqualityComparer<TypeExport>
    {
        public static readonly Identity Instance = new();

        public bool Equals(TypeExport? x, TypeExport? y) => ReferenceEquals(x, y);

        public int GetHashCode(TypeExport obj) => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(obj);
    }

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
