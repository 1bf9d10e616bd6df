namespace Vr.Standaarden.Schema.Keywords;

/// <summary>Array indexes as evaluation-path tokens, the first 64 made once.</summary>
internal static class IndexText
{
    private static readonly string[] Cache = [.. Enumerable.Range(0, 64).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture))];

    public static string Get(int index) => index < Cache.Length ? Cache[index] : index.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
