using System.Text.Json;
using Vr.Standaarden.Spec;
using Vr.Standaarden.Schema.Model;

namespace Vr.Standaarden.Versiebeheer.Internal;

/// <summary>A schema inside a release: its file and the JSON Pointer to it there.</summary>
internal readonly record struct SchemaPosition(ReleaseView View, StandardFile File, string Pointer)
{
    public JsonElement Node => ReleaseView.Node(File, Pointer) ?? default;

    /// <summary>The URI the engine knows it by: the file's <c>$id</c>, with the pointer as fragment when not the root.</summary>
    public string Uri => Pointer.Length == 0 ? File.Id! : File.Id + "#" + Escape(Pointer);

    /// <summary>The file and pointer relative to the release: equal for "the same" schema in two releases.</summary>
    public string Relative => File.Path + "#" + Pointer;

    public SchemaPosition Child(params string[] tokens) =>
        this with { Pointer = Pointer + string.Concat(tokens.Select(t => "/" + StandardRelease.Escape(t))) };

    /// <summary>Where <c>$ref</c> in this node points, or null when it has none or it does not resolve.</summary>
    public SchemaPosition? RefTarget()
    {
        var node = Node;
        if (node.ValueKind != JsonValueKind.Object || !node.TryGetProperty(KeywordCatalog.Ref.Name, out var reference) || reference.ValueKind != JsonValueKind.String)
        {
            return null;
        }

        // The base URI for references here is the file's $id (the standard uses no nested $id).
        return View.Release.TryResolve(File, reference.GetString()!, out var target) ? new SchemaPosition(View, target.File, target.JsonPointer) : null;
    }

    private static string Escape(string pointer) =>
        string.Concat(pointer.Select(c => c is '%' or ' ' or '"' or '<' or '>' or '{' or '}' or '|' or '\\' or '^' or '`' ? System.Uri.HexEscape(c) : c.ToString()));
}
