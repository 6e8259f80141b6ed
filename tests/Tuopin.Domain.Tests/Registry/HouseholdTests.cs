using Tuopin.Domain.Registry;

namespace Tuopin.Domain.Tests.Registry;

public class HouseholdTests
{
    [Fact]
    public void Causes_GivesMainCauseThenOtherCauses()
    {
        var h = new Household { Number = "1", MainCause = PovertyCause.Illness, OtherCause1 = PovertyCause.LackOfCapital, OtherCause2 = PovertyCause.Other };

        Assert.Equal([PovertyCause.Illness, PovertyCause.LackOfCapital, PovertyCause.Other], h.Causes());
    }

    [Fact]
    public void Causes_LeavesOutMissingOtherCauses()
    {
        var onlyMain = new Household { Number = "1", MainCause = PovertyCause.Disability };
        var onlySecond = new Household { Number = "2", MainCause = PovertyCause.Disability, OtherCause2 = PovertyCause.Disaster };

        Assert.Equal([PovertyCause.Disability], onlyMain.Causes());
        Assert.Equal([PovertyCause.Disability, PovertyCause.Disaster], onlySecond.Causes());
    }

    [Fact]
    public void NewHousehold_DefaultsToNotExitedNationalGeneral()
    {
        var h = new Household { Number = "1" };

        Assert.Equal(HouseholdStatus.NotExited, h.Status);
        Assert.Equal(IdentificationStandard.National, h.Standard);
        Assert.Equal(HouseholdAttribute.General, h.Attribute);
        Assert.Null(h.ExitYear);
    }

    [Fact]
    public void NewMember_DefaultsToPresentHealthyHan()
    {
        var m = new Member { Name = "甲", ResidentIdCipher = "c", ResidentIdIndex = "i" };

        Assert.Equal(MemberStatus.Present, m.Status);
        Assert.Equal(Health.Healthy, m.Health);
        Assert.Equal("01", m.EthnicityCode);
        Assert.Null(m.DisabilityGrade);
    }
}
