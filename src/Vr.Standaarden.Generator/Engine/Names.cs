using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace Vr.Standaarden.Generator.Engine;

/// <summary>C# names from titles, property names and codes: PascalCase of the letters and digits, never a keyword or a leading digit.</summary>
internal static class Names
{
    public static string Pascal(string text)
    {
        var builder = new StringBuilder();
        foreach (var word in Words(text))
        {
            // An all-capital word reads as a word: GRIP-niveau → GripNiveau, BAG-objecttype → BagObjecttype.
            var allUpper = word.Length > 1 && word.All(c => !char.IsLower(c));
            builder.Append(char.ToUpperInvariant(word[0]));
            builder.Append(allUpper ? word.Substring(1).ToLowerInvariant() : word.Substring(1));
        }

        if (builder.Length == 0)
        {
            return "_";
        }

        return char.IsDigit(builder[0]) ? "_" + builder : builder.ToString();
    }

    private static IEnumerable<string> Words(string text)
    {
        var word = new StringBuilder();
        foreach (var c in text + " ")
        {
            if (char.IsLetterOrDigit(c))
            {
                word.Append(c < 128 ? c : Fold(c, false));
                continue;
            }

            if (word.Length > 0)
            {
                yield return word.ToString();
                word.Clear();
            }
        }
    }

    /// <summary>A code such as <c>GRIP0</c>, <c>TLP:AMBER+STRICT</c> or <c>1.1</c> as an enum member: Grip0, TlpAmberStrict, _1_1.</summary>
    public static string Member(string code)
    {
        var allUpper = true;
        foreach (var c in code)
        {
            allUpper &= !char.IsLower(c);
        }

        var name = new StringBuilder();
        var word = new StringBuilder();
        foreach (var c in code + " ")
        {
            if (char.IsLetterOrDigit(c) && c < 128)
            {
                word.Append(c);
                continue;
            }

            if (word.Length == 0)
            {
                continue;
            }

            var text = allUpper ? word.ToString().ToLowerInvariant() : word.ToString();
            if (name.Length > 0 && char.IsDigit(text[0]) && char.IsDigit(name[name.Length - 1]))
            {
                name.Append('_');
            }

            name.Append(char.ToUpperInvariant(text[0])).Append(text.Substring(1));
            word.Clear();
        }

        return name.Length == 0 ? "_" : char.IsDigit(name[0]) ? "_" + name : name.ToString();
    }

    /// <summary>Makes <paramref name="name"/> unique within <paramref name="taken"/> by appending a number.</summary>
    public static string Unique(string name, HashSet<string> taken)
    {
        var candidate = name;
        for (var i = 2; !taken.Add(candidate); i++)
        {
            candidate = name + i;
        }

        return candidate;
    }

    public static string Literal(string text)
    {
        var builder = new StringBuilder("\"");
        foreach (var c in text)
        {
            switch (c)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                default:
                    if (c < ' ')
                    {
                        builder.Append("\\u").Append(((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }

        return builder.Append('"').ToString();
    }

    public static string XmlText(string text) =>
        text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");

    private static char Fold(char c, bool upper)
    {
        var folded = c switch
        {
            'á' or 'à' or 'ä' or 'â' => 'a',
            'é' or 'è' or 'ë' or 'ê' => 'e',
            'í' or 'ì' or 'ï' or 'î' => 'i',
            'ó' or 'ò' or 'ö' or 'ô' => 'o',
            'ú' or 'ù' or 'ü' or 'û' => 'u',
            'Á' or 'À' or 'Ä' or 'Â' => 'A',
            'É' or 'È' or 'Ë' or 'Ê' => 'E',
            _ => c,
        };
        return upper ? char.ToUpperInvariant(folded) : folded;
    }
}
