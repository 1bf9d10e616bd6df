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
        // Type names of classes and enums, with the file that holds each: the root types first, then the $defs types.
        var taken = new Dictionary<string, string>(StringComparer.Ordinal);
        var files = new List<FileExports>();
        foreach (var file in local.OrderBy(e => e.Path, StringComparer.Ordinal))
        {
            var current = file;
            if (file.BaseName.Length > 0 && taken.TryGetValue(file.BaseName, out var first))
            {
                var renamed = Free(file.BaseName, taken);
                current = current with
                {
                    BaseName = renamed,
                    SameTitleAs = first,
                    Types = new EquatableArray<TypeExport>(current.Types.Select(t => Rename(t, file.BaseName, renamed)).ToArray()),
                };
            }

            if (current.BaseName.Length > 0)
            {
                taken[current.BaseName] = file.Path;
            }

            // A $defs type whose name an earlier file holds is numbered too; references to it follow the new name.
            var types = current.Types.ToArray();
            var renamedDefinitions = new List<RenamedDefinition>();
            for (var i = 0; i < types.Length; i++)
            {
                var hash = types[i].Uri.IndexOf("#/$defs/", StringComparison.Ordinal);
                if (hash < 0 || types[i].Kind is not (TypeKind.Class or TypeKind.Enum))
                {
                    continue;
                }

                var name = types[i].CsType.Substring(types[i].CsType.LastIndexOf('.') + 1);
                if (taken.TryGetValue(name, out var holder) && holder != file.Path)
                {
                    var renamed = Free(name, taken);
                    types[i] = Rename(types[i], name, renamed);
                    renamedDefinitions.Add(new RenamedDefinition(types[i].Uri.Substring(hash + "#/$defs/".Length), renamed, holder));
                    name = renamed;
                }

                taken[name] = file.Path;
            }

            files.Add(current with
            {
                Types = new EquatableArray<TypeExport>(types),
                RenamedDefinitions = new EquatableArray<RenamedDefinition>(renamedDefinitions.ToArray()),
            });
        }

        return new(Exports.Concat(files).ToArray());
    }

    private static string Free(string name, Dictionary<string, string> taken)
    {
        var candidate = name + "2";
        for (var i = 3; taken.ContainsKey(candidate); i++)
        {
            candidate = name + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return candidate;
    }

    // The type itself, its validators' class (<Name>Schema) and, for an enum, its codes class (<Name>Codes).
    private static TypeExport Rename(TypeExport export, string from, string to)
    {
        var helper = export.Helper?.Replace("." + from + "Schema.", "." + to + "Schema.");
        return export with
        {
            CsType = export.CsType.EndsWith("." + from, StringComparison.Ordinal) ? export.CsType.Substring(0, export.CsType.Length - from.Length) + to : export.CsType,
            Helper = helper is not null && helper.EndsWith("." + from + "Codes", StringComparison.Ordinal)
                ? helper.Substring(0, helper.Length - from.Length - "Codes".Length) + to + "Codes"
                : helper,
        };
    }

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
