using System.Globalization;

namespace Vr.Standaarden.Schema;

/// <summary>
/// One message in the two languages this project speaks. <see cref="ToString()"/> picks the language of
/// <see cref="CultureInfo.CurrentUICulture"/>: Dutch for any <c>nl</c> culture, English otherwise.
/// </summary>
/// <param name="English">The message in English.</param>
/// <param name="Dutch">The message in Dutch.</param>
public sealed record LocalizedText(string English, string Dutch)
{
    /// <summary>The message in the language of <paramref name="culture"/>: Dutch for any <c>nl</c> culture, English otherwise.</summary>
    public string For(CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(culture);
        return IsDutch(culture) ? Dutch : English;
    }

    /// <summary>The message in the language of <see cref="CultureInfo.CurrentUICulture"/>.</summary>
    public override string ToString() => For(CultureInfo.CurrentUICulture);

    private static bool IsDutch(CultureInfo culture)
    {
        for (var c = culture; !Equals(c, CultureInfo.InvariantCulture); c = c.Parent)
        {
            if (c.Name.Equals("nl", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
