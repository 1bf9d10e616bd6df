namespace Vr.Standaarden.Validatie.Internal;

internal static class Pointer
{
    /// <summary>A property name as a JSON Pointer segment (RFC 6901).</summary>
    public static string Escape(string name) => name.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);
}
