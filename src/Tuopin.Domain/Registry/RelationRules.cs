namespace Tuopin.Domain.Registry;

/// <summary>
/// A member's relation to the head (与户主关系) when the head changes in a split or a merge: the form's relations
/// are to the head, so they are re-read against the new one. Cases the form cannot settle (a brother, an in-law of
/// an in-law) become <see cref="Relation.Other"/>; the officer may always state the relation instead.
/// </summary>
public static class RelationRules
{
    /// <summary>
    /// In a split: the relation to the new household's head of a member who leaves with them. <paramref name="member"/>
    /// and <paramref name="newHead"/> are relations to the old head, whose sex is <paramref name="oldHeadSex"/>.
    /// </summary>
    public static Relation ToNewHead(Relation member, Relation newHead, Sex oldHeadSex) => (newHead, member) switch
    {
        (Relation.Son, Relation.DaughterInLaw) => Relation.Spouse,
        (Relation.Son, Relation.Grandson) => Relation.Son,
        (Relation.Son, Relation.Granddaughter) => Relation.Daughter,
        (Relation.Daughter, Relation.SonInLaw) => Relation.Spouse,
        (Relation.Daughter, Relation.DaughtersSon) => Relation.Son,
        (Relation.Daughter, Relation.DaughtersDaughter) => Relation.Daughter,
        (Relation.Son or Relation.Daughter, Relation.Spouse) => oldHeadSex == Sex.Male ? Relation.Mother : Relation.Father,
        (Relation.Spouse, Relation.Son or Relation.Daughter or Relation.DaughterInLaw or Relation.SonInLaw or Relation.Grandson
            or Relation.Granddaughter or Relation.DaughtersSon or Relation.DaughtersDaughter) => member,
        (Relation.Spouse, Relation.Father) => oldHeadSex == Sex.Male ? Relation.HusbandsFather : Relation.WifesFather,
        (Relation.Spouse, Relation.Mother) => oldHeadSex == Sex.Male ? Relation.HusbandsMother : Relation.WifesMother,
        _ => Relation.Other,
    };

    /// <summary>
    /// In a merge: the relation to this household's head of a member of the household that joins, given the joining
    /// head's stated relation <paramref name="joiningHead"/> (Other when not stated) and the joining head's sex.
    /// </summary>
    public static Relation ToHostHead(Relation member, Relation joiningHead, Sex joiningHeadSex) => (joiningHead, member) switch
    {
        (_, Relation.Head) => joiningHead,
        (Relation.Son, Relation.Spouse) => Relation.DaughterInLaw,
        (Relation.Son, Relation.Son) => Relation.Grandson,
        (Relation.Son, Relation.Daughter) => Relation.Granddaughter,
        (Relation.Daughter, Relation.Spouse) => Relation.SonInLaw,
        (Relation.Daughter, Relation.Son) => Relation.DaughtersSon,
        (Relation.Daughter, Relation.Daughter) => Relation.DaughtersDaughter,
        (Relation.Father or Relation.Mother, Relation.Spouse) => joiningHeadSex == Sex.Male ? Relation.Mother : Relation.Father,
        (Relation.Spouse, Relation.Son or Relation.Daughter or Relation.DaughterInLaw or Relation.SonInLaw or Relation.Grandson
            or Relation.Granddaughter or Relation.DaughtersSon or Relation.DaughtersDaughter) => member,
        _ => Relation.Other,
    };
}
