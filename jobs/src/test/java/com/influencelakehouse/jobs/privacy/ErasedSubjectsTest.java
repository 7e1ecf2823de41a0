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
}
