using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Vr.Standaarden.Begrippen.Tests.Identificatie;

/// <summary>Laws: every valid value survives ToString → Parse, and no input makes parsing throw anything but FormatException.</summary>
public sealed class RoundTripProperties
{
    private static Gen<string> Digits(int count) => Gen.ArrayOf(Gen.Choose(0, 9), count).Select(d => string.Concat(d));

    private static Gen<char> Letter => Gen.Elements("ABCDEFGHIJKLMNOPQRSTUVWXYZ".ToCharArray());

    private static readonly Gen<string> Oins = Gen.OneOf(
        Digits(9).Select(n => "00000001" + n + "000"),
        Digits(8).Select(n => "00000003" + n + "0000"),
        Digits(9).Select(n => "00000004" + n + "000"),
        Digits(12).Select(n => "00000099" + n),
        Gen.ArrayOf(Gen.OneOf(Letter, Gen.Elements("0123456789".ToCharArray())), 12).Select(c => "00000008" + new string(c)));

    private static readonly Gen<string> BagIds =
        from gemeente in Digits(4)
        from type in Gen.Elements("01", "02", "03", "10", "20", "30")
        from number in Digits(10)
        select gemeente + type + number;

    [Property]
    public Property Oin_round_trips() => Prop.ForAll(Oins.ToArbitrary(), s => Oin.Parse(Oin.Parse(s).ToString()) == Oin.Parse(s) && Oin.Parse(s).ToString() == s);

    [Property]
    public Property BagId_round_trips_and_its_parts_rebuild_it() => Prop.ForAll(BagIds.ToArbitrary(), s =>
    {
        var id = BagId.Parse(s);
        return id.ToString() == s && BagId.Create(id.Gemeente, id.ObjectType, id.Volgnummer) == id;
    });

    [Property]
    public Property Gemeente_and_region_codes_round_trip() => Prop.ForAll(Gen.Choose(0, 9999).ToArbitrary(), Gen.Choose(1, 25).ToArbitrary(), (g, r) =>
        GemeenteCode.Parse(GemeenteCode.FromNummer(g).ToString()).Nummer == g &&
        VeiligheidsregioCode.Parse(VeiligheidsregioCode.FromNummer(r).ToString()).Nummer == r);

    [Property]
    public Property Postcode_round_trips() => Prop.ForAll(
        (from digits in Digits(4) from a in Letter from b in Letter select digits + a + b).ToArbitrary(),
        s => Postcode.Parse(s).ToString() == s);

    [Property]
    public Property Hectometrering_round_trips() => Prop.ForAll(
        (from road in Gen.Elements("A", "N", "S") from number in Gen.Choose(1, 9999)
         from side in Gen.Elements<Rijbaanzijde?>(null, Rijbaanzijde.Links, Rijbaanzijde.Rechts)
         from tenths in Gen.Choose(0, 99999)
         select Hectometrering.Create(road + number, side, tenths / 10m)).ToArbitrary(),
        h => Hectometrering.Parse(h.ToString()) == h);

    [Property]
    public Property Lmc_code_round_trips() => Prop.ForAll(
        (from levels in Gen.Choose(1, 3)
         from letters in Gen.ArrayOf(Gen.Elements("abcdefghijklmnopqrstuvwxyz".ToCharArray()), 6)
         select new string(letters, 0, levels * 2)).ToArbitrary(),
        s => LmcCode.Parse(s).ToString() == s && LmcCode.Parse(s).Niveau == s.Length / 2);

    [Property]
    public Property Any_text_either_parses_to_a_value_that_round_trips_or_fails_with_a_reason() => Prop.ForAll<string?>(s =>
        (Oin.TryParse(s, out var o, out var e1) ? Oin.Parse(o.ToString()) == o : e1!.Length > 0) &&
        (BagId.TryParse(s, out var b, out var e2) ? BagId.Parse(b.ToString()) == b : e2!.Length > 0) &&
        (Postcode.TryParse(s, out var p, out var e3) ? Postcode.Parse(p.ToString()) == p : e3!.Length > 0) &&
        (Hectometrering.TryParse(s, out var h, out var e4) ? Hectometrering.Parse(h.ToString()) == h : e4!.Length > 0) &&
        (LmcCode.TryParse(s, out var l, out var e5) ? LmcCode.Parse(l.ToString()) == l : e5!.Length > 0));
}
