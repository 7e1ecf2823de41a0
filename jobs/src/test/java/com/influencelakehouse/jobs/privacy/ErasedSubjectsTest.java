package com.influencelakehouse.jobs.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.influencelakehouse.common.privacy.Pseudonymiser;
import com.influencelakehouse.common.privacy.Pseudonymiser.Domain;
import com.influencelakehouse.common.testing.TestConfigs;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** An erased influencer's @mentions leave others' captions; nothing else in the text changes. */
@Tag("unit")
class ErasedSubjectsTest {
  private final Pseudonymiser p = TestConfigs.pseudonymiser();
  // Erased handles are known by pseudonym only, of the lower-cased handle (as silver pseudonymises them).
  private final Set<String> erased = Set.of(p.pseudonym(Domain.HANDLE, "minji.eats"));

  @Test
  void aMentionOfAnErasedHandleIsReplacedWhateverItsCaseAndTrailingFullStop() {
    assertEquals("Brunch w/ @[erased]. #ad @brand",
        ErasedSubjects.scrub("Brunch w/ @minji.eats. #ad @brand", erased, p));
    assertEquals("with @[erased]\n#food", ErasedSubjects.scrub("with @Minji.Eats\n#food", erased, p));
  }

  @Test
  void otherMentionsLongerHandlesAndEmailAddressesStayAsTheyAre() {
    String text = "w/ @minji.eats12 and @jun.fit, mail minjieats@gmail.com";
    assertEquals(text, ErasedSubjects.scrub(text, erased, p));
    assertEquals("no mention", ErasedSubjects.scrub("no mention", erased, p));
    assertNull(ErasedSubjects.scrub(null, erased, p));
  }

  @Test
  void aQuarantinedLineNamesAnErasedSubjectWhoseIdIsAWordAUuidOrAClientIdInAnyField() {
    String uuid = "3f2a9c4e-77b1-4c1e-9a0d-2b5e8f1c6d70";
    Set<String> influencers = Set.of(p.pseudonym(Domain.INFLUENCER, "17841400000000001"));
    Set<String> visitors = Set.of(p.pseudonym(Domain.VISITOR, uuid), p.pseudonym(Domain.VISITOR, "GA1.2.33.44"));

    assertEquals(Set.of(p.pseudonym(Domain.INFLUENCER, "17841400000000001"), p.pseudonym(Domain.VISITOR, uuid)),
        ErasedSubjects.subjectsIn("c9,2026-08-03T10:00:00Z,https://shop.example/?inf=17841400000000001&utm=x,"
            + uuid + ",mobile", influencers, visitors, p));
    assertEquals(Set.of(p.pseudonym(Domain.VISITOR, "GA1.2.33.44")),
        ErasedSubjects.subjectsIn("{\"visitor_id\":\"GA1.2.33.44\",\"revenue\":\"NaN\"}", influencers, visitors, p));
    // Another id that shares a piece with an erased one names nobody.
    assertEquals(Set.of(), ErasedSubjects.subjectsIn("GA1.2.33.45 178414000000000012", influencers, visitors, p));
    assertEquals(Set.of(), ErasedSubjects.subjectsIn(null, influencers, visitors, p));
  }
}
