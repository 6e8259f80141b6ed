using Tuopin.Domain.Registry;

namespace Tuopin.Domain.Tests.Registry;

public class ResidentIdTests
{
    /// <summary>First 17 characters followed by their correct check character, so that a test input has only the fault under test.</summary>
    private static string WithCheck(string first17) => first17 + ResidentId.CheckCharacter(first17);

    private static string ProblemOf(string? text)
    {
        Assert.False(ResidentId.TryParse(text, out var id, out var problem));
        Assert.Equal(default, id);
        Assert.NotNull(problem);
        Assert.False(string.IsNullOrWhiteSpace(problem.Value.Zh));
        Assert.False(string.IsNullOrWhiteSpace(problem.Value.En));
        return problem.Value.En;
    }

    [Fact]
    public void Parse_Accepts_StandardExample_AsFemaleBornOn19491231()
    {
        var id = ResidentId.Parse("11010519491231002X");

        Assert.Equal("11010519491231002X", id.Value);
        Assert.Equal(Sex.Female, id.Sex);
        Assert.Equal(new DateOnly(1949, 12, 31), id.BirthDate);
        Assert.Equal("110105", id.AddressCode);
    }

    [Theory]
    [InlineData("360426199101010071", 1991, 1, 1, Sex.Male)]
    [InlineData("120103198806018241", 1988, 6, 1, Sex.Female)]
    [InlineData("230306196304054513", 1963, 4, 5, Sex.Male)]
    public void Parse_Accepts_ValidNumbers_WithTheirBirthDateAndSex(string text, int year, int month, int day, Sex sex)
    {
        Assert.True(ResidentId.TryParse(text, out var id, out var problem));
        Assert.Null(problem);
        Assert.Equal(text, id.Value);
        Assert.Equal(new DateOnly(year, month, day), id.BirthDate);
        Assert.Equal(sex, id.Sex);
    }

    [Theory]
    [InlineData("11010519491231002X", 'X')]
    [InlineData("360426199101010071", '1')]
    [InlineData("120103198806018241", '1')]
    [InlineData("230306196304054513", '3')]
    public void CheckCharacter_Computes_Mod11_2OfFirst17Digits(string text, char expected)
    {
        Assert.Equal(expected, ResidentId.CheckCharacter(text.AsSpan(0, 17)));
    }

    [Theory]
    [InlineData(0, '1')] // 17 zeros: sum 0, remainder 0
    [InlineData(1, 'X')] // last digit 1 (weight 2): sum 2, remainder 2
    [InlineData(6, '0')] // last digit 6: sum 12, remainder 1
    [InlineData(5, '2')] // last digit 5: sum 10, remainder 10
    public void CheckCharacter_MapsRemainderThroughTable(int lastDigit, char expected)
    {
        Assert.Equal(expected, ResidentId.CheckCharacter(new string('0', 16) + lastDigit));
    }

    [Fact]
    public void CheckCharacter_UsesEveryWeightInOrder()
    {
        // A single 1 at position i gives sum = weight i, so the check character is table[weight % 11].
        int[] weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
        const string table = "10X98765432";
        for (var i = 0; i < 17; i++)
        {
            var digits = new string('0', i) + "1" + new string('0', 16 - i);
            Assert.Equal(table[weights[i] % 11], ResidentId.CheckCharacter(digits));
        }
    }

    [Theory]
    [InlineData("1234567890123456")]
    [InlineData("123456789012345678")]
    public void CheckCharacter_Rejects_OtherThan17Characters(string digits)
    {
        Assert.Throws<ArgumentException>(() => ResidentId.CheckCharacter(digits));
    }

    [Theory]
    [InlineData("360426199101010072", '1', '2')]
    [InlineData("230307196304054513", 'X', '3')]
    public void Parse_Rejects_WrongCheckCharacter_SayingWhichItShouldBe(string text, char expected, char actual)
    {
        var message = ProblemOf(text);

        Assert.Contains("check character", message);
        Assert.Contains($"'{expected}'", message);
        Assert.Contains($"'{actual}'", message);
    }

    [Fact]
    public void Parse_Rejects_CheckDigitWhereXIsExpected()
    {
        var message = ProblemOf("110105194912310020");

        Assert.Equal("Wrong check character: the last character should be 'X', not '0'", message);
    }

    [Fact]
    public void Parse_Accepts_LowerCaseX_AndNormalisesItToUpperCase()
    {
        var id = ResidentId.Parse("11010519491231002x");

        Assert.Equal("11010519491231002X", id.Value);
        Assert.Equal(ResidentId.Parse("11010519491231002X"), id);
    }

    [Theory]
    [InlineData(" 360426199101010071")]
    [InlineData("360426199101010071  ")]
    [InlineData("\t360426199101010071\r\n")]
    [InlineData("\u3000360426199101010071\u3000")]
    public void Parse_Trims_SurroundingWhiteSpace(string text)
    {
        Assert.Equal("360426199101010071", ResidentId.Parse(text).Value);
    }

    [Fact]
    public void Parse_Rejects_WhiteSpaceInside()
    {
        var message = ProblemOf("360426 199101010071");

        Assert.Equal("A resident ID number has 18 characters, not 19", message);
    }

    [Theory]
    [InlineData("36042619910101007", 17)]
    [InlineData("3604261991010100711", 19)]
    [InlineData("3604261991", 10)]
    [InlineData("3", 1)]
    public void Parse_Rejects_WrongLength_SayingTheLength(string text, int length)
    {
        Assert.False(ResidentId.TryParse(text, out _, out var problem));

        Assert.Equal($"A resident ID number has 18 characters, not {length}", problem.Value.En);
        Assert.Equal($"身份证号码应为18位，实际为{length}位", problem.Value.Zh);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void Parse_Rejects_EmptyOrNull_AsRequired(string? text)
    {
        var message = ProblemOf(text);

        Assert.Equal("The resident ID number is required", message);
    }

    [Fact]
    public void Parse_Throws_FormatException_WithTheChineseProblem()
    {
        var ex = Assert.Throws<FormatException>(() => ResidentId.Parse("36042619910101007"));

        Assert.Equal("身份证号码应为18位，实际为17位", ex.Message);
    }

    [Fact]
    public void TryParse_WithoutProblem_ReturnsFalseForInvalidAndTrueForValid()
    {
        Assert.False(ResidentId.TryParse("360426199101010072", out _));
        Assert.True(ResidentId.TryParse("360426199101010071", out var id));
        Assert.Equal("360426199101010071", id.Value);
    }

    [Theory]
    [InlineData(0, 'A')]
    [InlineData(6, 'X')]
    [InlineData(16, 'x')]
    [InlineData(10, '-')]
    [InlineData(3, '３')] // a full-width digit is not an ASCII digit
    public void Parse_Rejects_NonDigitInFirst17_SayingWhichCharacter(int index, char bad)
    {
        var chars = "360426199101010071".ToCharArray();
        chars[index] = bad;

        var message = ProblemOf(new string(chars));

        Assert.Equal($"Character {index + 1} of a resident ID number must be a digit, not '{bad}'", message);
    }

    [Theory]
    [InlineData('Y')]
    [InlineData('*')]
    [InlineData('ｘ')]
    public void Parse_Rejects_BadLastCharacter(char bad)
    {
        var message = ProblemOf("36042619910101007" + bad);

        Assert.Equal($"The last character of a resident ID number must be a digit or X, not '{bad}'", message);
    }

    [Theory]
    [InlineData("980105")]
    [InlineData("000000")]
    [InlineData("100105")]
    [InlineData("830105")]
    public void Parse_Rejects_AddressCodeWithUnknownProvince(string addressCode)
    {
        var message = ProblemOf(WithCheck(addressCode + "19491231002"));

        Assert.Contains($"'{addressCode}'", message);
        Assert.Contains("address code", message);
    }

    [Fact]
    public void Parse_Accepts_TheSyntheticProvince_AndNothingElseOutsideGbT2260()
    {
        // 99: the synthetic counties' province (tuopin demo --counties), which no GB/T 2260 code uses.
        var id = ResidentId.Parse(WithCheck("990121" + "19800101003"));

        Assert.Equal("990121", id.AddressCode);
        Assert.True(ResidentId.IsSynthetic(id.AddressCode));
        Assert.False(ResidentId.IsSynthetic("422827"));
        Assert.Contains("address code", ProblemOf(WithCheck("970121" + "19800101003")));
    }

    [Theory]
    [InlineData("110000")]
    [InlineData("420000")]
    public void Parse_Rejects_AddressCodeWithZerosAfterProvince(string addressCode)
    {
        var message = ProblemOf(WithCheck(addressCode + "19491231002"));

        Assert.Contains($"'{addressCode}'", message);
    }

    [Theory]
    [InlineData("11"), InlineData("12"), InlineData("13"), InlineData("14"), InlineData("15")]
    [InlineData("21"), InlineData("22"), InlineData("23")]
    [InlineData("31"), InlineData("32"), InlineData("33"), InlineData("34"), InlineData("35"), InlineData("36"), InlineData("37")]
    [InlineData("41"), InlineData("42"), InlineData("43"), InlineData("44"), InlineData("45"), InlineData("46")]
    [InlineData("50"), InlineData("51"), InlineData("52"), InlineData("53"), InlineData("54")]
    [InlineData("61"), InlineData("62"), InlineData("63"), InlineData("64"), InlineData("65")]
    [InlineData("71"), InlineData("81"), InlineData("82")]
    public void Parse_Accepts_EveryProvinceCode(string province)
    {
        Assert.True(ResidentId.TryParse(WithCheck(province + "0101" + "19800101001"), out var id, out var problem), problem?.En);
        Assert.StartsWith(province, id.AddressCode);
    }

    [Theory]
    [InlineData("19490230")] // 30 February
    [InlineData("20230229")] // 29 February in a common year
    [InlineData("19001301")] // month 13
    [InlineData("19900001")] // month 0
    [InlineData("19900100")] // day 0
    [InlineData("19900132")] // day 32
    [InlineData("19900431")] // 31 April
    [InlineData("19000229")] // 1900 is not a leap year
    [InlineData("18791231")] // before 1880
    [InlineData("00000101")] // year 0
    public void Parse_Rejects_ImpossibleBirthDate(string yyyymmdd)
    {
        var message = ProblemOf(WithCheck("422827" + yyyymmdd + "001"));

        Assert.Equal($"The birth date '{yyyymmdd}' in the resident ID number is not a real date", message);
    }

    [Theory]
    [InlineData("20000229", 2000, 2, 29)] // 2000 is a leap year
    [InlineData("19960229", 1996, 2, 29)]
    [InlineData("18800101", 1880, 1, 1)]  // the earliest year accepted
    [InlineData("19491231", 1949, 12, 31)]
    public void Parse_Accepts_RealBirthDates(string yyyymmdd, int year, int month, int day)
    {
        var id = ResidentId.Parse(WithCheck("422827" + yyyymmdd + "001"));

        Assert.Equal(new DateOnly(year, month, day), id.BirthDate);
    }

    [Fact]
    public void Parse_Refuses_Legacy15DigitNumber_GivingThe18DigitConversion()
    {
        Assert.False(ResidentId.TryParse("110105491231002", out _, out var problem));

        Assert.Contains("11010519491231002X", problem!.Value.En);
        Assert.Contains("11010519491231002X", problem.Value.Zh);
        Assert.Contains("15-digit", problem.Value.En);
    }

    [Fact]
    public void Parse_TreatsFifteenCharactersWithLetter_AsWrongLength()
    {
        var message = ProblemOf("11010549123100X");

        Assert.Equal("A resident ID number has 18 characters, not 15", message);
    }

    [Fact]
    public void FromLegacy_ConvertsStandardExample()
    {
        Assert.Equal("11010519491231002X", ResidentId.FromLegacy("110105491231002"));
    }

    [Fact]
    public void FromLegacy_InsertsCenturyAndAppendsCheckCharacter()
    {
        var eighteen = ResidentId.FromLegacy("422827750304121");

        Assert.Equal(WithCheck("42282719750304121"), eighteen);
        Assert.Equal(new DateOnly(1975, 3, 4), ResidentId.Parse(eighteen).BirthDate);
    }

    [Fact]
    public void Create_RoundTripsThroughParse()
    {
        var created = ResidentId.Create("422827", new DateOnly(1975, 3, 4), 121);

        var parsed = ResidentId.Parse(created.Value);

        Assert.Equal(created, parsed);
        Assert.Equal("42282719750304121", created.Value[..17]);
        Assert.Equal(new DateOnly(1975, 3, 4), parsed.BirthDate);
        Assert.Equal("422827", parsed.AddressCode);
    }

    [Theory]
    [InlineData(0, "000")]
    [InlineData(7, "007")]
    [InlineData(999, "999")]
    public void Create_PadsSequenceToThreeDigits(int sequence, string digits)
    {
        var id = ResidentId.Create("110105", new DateOnly(1949, 12, 31), sequence);

        Assert.Equal("11010519491231" + digits, id.Value[..17]);
        Assert.True(ResidentId.TryParse(id.Value, out _));
    }

    [Fact]
    public void Create_ReproducesStandardExample()
    {
        Assert.Equal("11010519491231002X", ResidentId.Create("110105", new DateOnly(1949, 12, 31), 2).Value);
    }

    [Theory]
    [InlineData("42282")]
    [InlineData("4228270")]
    [InlineData("42282A")]
    public void Create_Rejects_AddressCodeThatIsNotSixDigits(string addressCode)
    {
        Assert.Throws<ArgumentException>(() => ResidentId.Create(addressCode, new DateOnly(1980, 1, 1), 1));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(1000)]
    public void Create_Rejects_SequenceOutsideThreeDigits(int sequence)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ResidentId.Create("422827", new DateOnly(1980, 1, 1), sequence));
    }

    [Theory]
    [InlineData(1, Sex.Male)]
    [InlineData(3, Sex.Male)]
    [InlineData(9, Sex.Male)]
    [InlineData(0, Sex.Female)]
    [InlineData(2, Sex.Female)]
    [InlineData(8, Sex.Female)]
    [InlineData(11, Sex.Male)]  // only the 17th digit counts, not the whole sequence
    [InlineData(10, Sex.Female)]
    public void Sex_FollowsParityOf17thDigit(int sequence, Sex expected)
    {
        var id = ResidentId.Parse(ResidentId.Create("422827", new DateOnly(1980, 1, 1), sequence).Value);

        Assert.Equal(expected, id.Sex);
    }

    [Fact]
    public void Masked_ShowsOnlyTheAddressCode()
    {
        var id = ResidentId.Parse("360426199101010071");

        Assert.Equal("360426************", id.Masked);
    }

    [Fact]
    public void Masked_HidesTheCheckCharacterToo()
    {
        Assert.Equal("110105************", ResidentId.Parse("11010519491231002x").Masked);
    }

    [Fact]
    public void ToString_IsMasked_NeverTheFullNumber()
    {
        var id = ResidentId.Parse("120103198806018241");

        Assert.Equal("120103************", id.ToString());
        Assert.DoesNotContain("19880601", $"{id}");
    }

    [Theory]
    [InlineData("", "")]
    [InlineData("1234", "****")]
    [InlineData("12345678", "********")]
    [InlineData("123456789", "123456***")]
    [InlineData("422827197503041217", "422827************")]
    public void Mask_HidesShortTextsEntirely_AndLongerOnesAfterTheFirstSix(string text, string expected)
    {
        Assert.Equal(expected, ResidentId.Mask(text));
    }

    [Theory]
    [InlineData(2024, 12, 30, 74)] // the day before the birthday
    [InlineData(2024, 12, 31, 75)] // the birthday
    [InlineData(2025, 1, 1, 75)]
    [InlineData(1949, 12, 31, 0)]
    [InlineData(1950, 12, 30, 0)]
    public void AgeOn_CountsWholeYears(int year, int month, int day, int expected)
    {
        var id = ResidentId.Parse("11010519491231002X");

        Assert.Equal(expected, id.AgeOn(new DateOnly(year, month, day)));
    }

    [Fact]
    public void Equality_IsByNormalisedValue()
    {
        Assert.Equal(ResidentId.Parse(" 11010519491231002x "), ResidentId.Parse("11010519491231002X"));
        Assert.NotEqual(ResidentId.Parse("360426199101010071"), ResidentId.Parse("11010519491231002X"));
    }


    [Theory]
    [InlineData("th-TH")] // Thai Buddhist calendar: 1949 is 2492
    [InlineData("ar-SA")] // Um al-Qura calendar
    public void Create_WritesGregorianBirthDate_WhateverTheCurrentCulture(string culture)
    {
        var saved = System.Globalization.CultureInfo.CurrentCulture;
        try
        {
            System.Globalization.CultureInfo.CurrentCulture = System.Globalization.CultureInfo.GetCultureInfo(culture);

            Assert.Equal("11010519491231002X", ResidentId.Create("110105", new DateOnly(1949, 12, 31), 2).Value);
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = saved;
        }
    }

    [Theory]
    [InlineData("980105", 1980)] // no such province
    [InlineData("420000", 1980)] // province code with 0000
    [InlineData("422827", 1879)] // before 1880
    public void Create_Refuses_PartsThatParseWouldRefuse(string addressCode, int birthYear)
    {
        // "Builds a valid number": a ResidentId that Parse would refuse must not come out of Create.
        Assert.ThrowsAny<ArgumentException>(() => ResidentId.Create(addressCode, new DateOnly(birthYear, 1, 1), 1));
    }
}
