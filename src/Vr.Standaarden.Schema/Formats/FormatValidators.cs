namespace Vr.Standaarden.Schema.Formats;

/// <summary>The format checks used when <c>format</c> is an assertion. Unknown formats are not checked.</summary>
internal static partial class FormatValidators
{
    public static bool TryGet(string format, SchemaDialect draft, out Func<string, bool> check)
    {
        check = format switch
        {
            _ => null!,
        };
        return check is not null;
    }
}
