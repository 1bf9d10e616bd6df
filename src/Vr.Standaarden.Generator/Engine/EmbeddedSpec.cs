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
    /// <summary>The namespace of the standard's generated types of major line 1 (the Vr.Standaarden.Model package).</summary>
    public const string ModelNamespace = "Vr.Standaarden.Model";

    /// <summary>The URI every <c>$id</c> of the standard starts with.</summary>
    public const string StandardBaseUri = "https://vr-standaarden.github.io/spec/";

    /// <summary>
    /// The namespace of the types of a major line: <c>Vr.Standaarden.Model</c> for 1.x, <c>Vr.Standaarden.Model.V2</c> for
    /// 2.x, and so on, so that the lines can live side by side.
    /// </summary>
    public static string NamespaceOf(int major) =>
        major <= 1 ? ModelNamespace : ModelNamespace + ".V" + major.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// The release (major, minor, patch) of a schema of the standard from its <c>$id</c>, or <c>null</c> for any other
    /// schema.
    /// </summary>
    public static (int Major, int Minor, int Patch)? ReleaseOf(string? id)
    {
        if (id is null || !id.StartsWith(StandardBaseUri, StringComparison.Ordinal))
        {
            return null;
        }

        var end = id.IndexOf('/', StandardBaseUri.Length);
        if (end < 0)
        {
            return null;
        }

        var parts = id.Substring(StandardBaseUri.Length, end - StandardBaseUri.Length).Split('.');
        var numbers = new int[3];
        if (parts.Length is < 2 or > 3)
        {
            return null;
        }

        for (var i = 0; i < parts.Length; i++)
        {
            if (!int.TryParse(parts[i], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out numbers[i]))
            {
                return null;
            }
        }

        return (numbers[0], numbers[1], numbers[2]);
    }

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

    // VrSpec/<release>/schemas/<name>.schema.json or VrSpec/<release>/codelijsten/<name>.json; not examples or extensions.
    private static bool IsDefinition(string resource)
    {
        var parts = resource.Replace('\\', '/').Split('/');
        return parts.Length == 4 && parts[0] + "/" == Prefix &&
            ((parts[2] == "schemas" && parts[3].EndsWith(".schema.json", StringComparison.Ordinal)) || (parts[2] == "codelijsten" && parts[3].EndsWith(".json", StringComparison.Ordinal)));
    }

    private static FileExports[] Load()
    {
        // The generator carries the files itself; the vr tool, which links this engine, reads them from the
        // Vr.Standaarden.Spec assembly, where they have the same names.
#if VR_TOOL
        var assembly = typeof(Vr.Standaarden.Spec.Standard).Assembly;
#else
        var assembly = typeof(EmbeddedSpec).GetTypeInfo().Assembly;
#endif
        var exports = new List<FileExports>();
        foreach (var name in assembly.GetManifestResourceNames().Where(IsDefinition).OrderBy(n => n, StringComparer.Ordinal))
        {
            // VrSpec/<release>/<folder>/<file>: the types of each major line live in its own namespace.
            var path = name.Replace('\\', '/');
            var release = path.Substring(Prefix.Length, Math.Max(0, path.IndexOf('/', Prefix.Length) - Prefix.Length));
            var major = int.TryParse(release.Split('.')[0], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var m) ? m : 1;
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var reader = new StreamReader(stream);
            exports.Add(SchemaCompiler.Export(new SchemaSource("embedded:/" + path, reader.ReadToEnd()), NamespaceOf(major)));
        }

        return exports.ToArray();
    }
}
