package dev.trafficwizard.security;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Issue #12, findings 4a and 5: verified passwords are cached briefly; throttled logins run no
 * BCrypt; parallel guesses are counted before they are checked, and at most four checks run at once.
 */
class PasswordLoginsTest {

    final AtomicInteger bcryptRuns = new AtomicInteger();
    final BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder(4);
    final PasswordEncoder encoder = new PasswordEncoder() {
        @Override
        public String encode(CharSequence raw) {
            return bcrypt.encode(raw);
        }

        @Override
        public boolean matches(CharSequence raw, String encoded) {
            bcryptRuns.incrementAndGet();
            return bcrypt.matches(raw, encoded);
        }
    };
    final InMemoryUserDetailsManager users = new InMemoryUserDetailsManager(
            User.withUsername("pipeline").password(new BCryptPasswordEncoder(4).encode("s3cret")).roles("OPERATOR").build());
    final LoginThrottleTest.MovableClock clock = new LoginThrottleTest.MovableClock();
    final LoginThrottle throttle = new LoginThrottle(60, 300, clock);
    final PasswordLogins logins;

    PasswordLoginsTest() {
        DaoAuthenticationProvider dao = new DaoAuthenticationProvider(users);
        dao.setPasswordEncoder(encoder);
        logins = new PasswordLogins(dao, throttle, clock);
    }

    static Authentication attempt(String user, String password, String address) {
        UsernamePasswordAuthenticationToken token = UsernamePasswordAuthenticationToken.unauthenticated(user, password);
        MockHttpServletRequest request = new MockHttpServletRequest();
        request.setRemoteAddr(address);
        token.setDetails(new WebAuthenticationDetails(request));
        return token;
    }

    @Test
    void aCacheHitSkipsBcryptAndExpires() {
        assertThat(logins.authenticate(attempt("pipeline", "s3cret", "10.1.1.1")).isAuthenticated()).isTrue();
        int afterFirst = bcryptRuns.get();
        for (int i = 0; i < 20; i++) {
            Authentication ok = logins.authenticate(attempt("pipeline", "s3cret", "10.1.1.1"));
            assertThat(ok.getAuthorities()).extracting(Object::toString).contains("ROLE_OPERATOR");
        }
        assertThat(bcryptRuns.get()).as("no BCrypt on a hit").isEqualTo(afterFirst);
        assertThatThrownBy(() -> logins.authenticate(attempt("pipeline", "other", "10.1.1.1")))
                .isInstanceOf(BadCredentialsException.class);

        users.deleteUser("pipeline");
        assertThat(logins.authenticate(attempt("pipeline", "s3cret", "10.1.1.1")).isAuthenticated())
                .as("still cached within the TTL").isTrue();
        clock.advance(PasswordLogins.TTL.plus(Duration.ofSeconds(1)));
        assertThatThrownBy(() -> logins.authenticate(attempt("pipeline", "s3cret", "10.1.1.1")))
                .as("a removed user stops working once the entry expired").isInstanceOf(BadCredentialsException.class);
    }

    /**
     * A pipeline's jobs start together with the same credentials: each request was counted as an
     * attempt before its check, so the sixth was throttled (429) although every one was right, and
     * each paid for BCrypt. Now the pair is checked once and the others wait for that answer.
     */
    @Test
    void parallelRequestsWithTheSameRightCredentialsAreCheckedOnceAndAllGetIn() throws Exception {
        int jobs = 16;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(jobs);
        try {
            List<Future<Authentication>> answers = new ArrayList<>();
            for (int i = 0; i < jobs; i++) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return logins.authenticate(attempt("pipeline", "s3cret", "10.1.1.1"));
                }));
            }
            start.countDown();
            for (Future<Authentication> answer : answers) {
                assertThat(answer.get(10, TimeUnit.SECONDS).isAuthenticated()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(bcryptRuns.get()).as("one BCrypt check for the one pair").isEqualTo(1);
    }

    @Test
    void whileThrottledNoBcryptRunsEvenForTheRightPasswordButTheUserElsewhereGetsIn() {
        for (int i = 0; i < 50; i++) {
            try {
                logins.authenticate(attempt("pipeline", "guess" + i, "203.0.113.9"));
            } catch (LoginThrottledException | BadCredentialsException expected) {
                // the first few are wrong passwords, then throttled
            }
        }
        assertThat(bcryptRuns.get()).as("only the free failures ran BCrypt").isLessThanOrEqualTo(6);
        int before = bcryptRuns.get();
        assertThatThrownBy(() -> logins.authenticate(attempt("pipeline", "s3cret", "203.0.113.9")))
                .as("the guessing address").isInstanceOf(LoginThrottledException.class);
        assertThat(bcryptRuns.get()).isEqualTo(before);
        assertThat(logins.authenticate(attempt("pipeline", "s3cret", "198.51.100.2")).isAuthenticated())
                .as("the real user (a pipeline) elsewhere is not locked out").isTrue();
    }

    @Test
    void someoneGuessingAsFastAsAllowedNeverLocksThePipelineOutFromItsOwnAddress() {
        int throttled = 0;
        for (int second = 0; second < 600; second++) {
            try {
                logins.authenticate(attempt("pipeline", "guess" + second, "198.51.100.66"));
            } catch (LoginThrottledException | BadCredentialsException expected) {
                // the attacker: wrong, then throttled
            }
            if (second % 10 == 0) {
                try {
                    logins.authenticate(attempt("pipeline", "s3cret", "10.1.1.1"));
                } catch (LoginThrottledException locked) {
                    throttled++;
                }
            }
            clock.advance(Duration.ofSeconds(1));
        }
        assertThat(throttled).as("pipeline calls refused in 10 minutes").isZero();
    }

    /** A delegate that counts and holds every check until released. */
    final class SlowChecks implements AuthenticationProvider {
        final AtomicInteger entered = new AtomicInteger();
        final CountDownLatch release = new CountDownLatch(1);

        @Override
        public Authentication authenticate(Authentication authentication) {
            entered.incrementAndGet();
            try {
                release.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new BadCredentialsException("wrong");
        }

        @Override
        public boolean supports(Class<?> authentication) {
            return true;
        }
    }

    @Test
    void parallelGuessesCannotOutrunTheThrottleAndAtMostFourChecksRunAtOnce() throws Exception {
        SlowChecks slow = new SlowChecks();
        PasswordLogins guarded = new PasswordLogins(slow, throttle, clock);
        ExecutorService pool = Executors.newFixedThreadPool(20);
        try {
            List<Future<Class<?>>> outcomes = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                String guess = "guess" + i;
                outcomes.add(pool.submit(() -> {
                    try {
                        guarded.authenticate(attempt("pipeline", guess, "203.0.113.10"));
                        return (Class<?>) Authentication.class;
                    } catch (RuntimeException e) {
                        return e.getClass();
                    }
                }));
            }
            // all but the four holding a slot finish: throttled, or no slot free within its wait
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20))
                    .until(() -> outcomes.stream().filter(Future::isDone).count()
                            >= outcomes.size() - PasswordLogins.PARALLEL_CHECKS);
            assertThat(slow.entered.get()).as("at most four checks at once").isEqualTo(PasswordLogins.PARALLEL_CHECKS);
            slow.release.countDown();
            List<Class<?>> seen = new ArrayList<>();
            for (Future<Class<?>> outcome : outcomes) {
                seen.add(outcome.get(5, TimeUnit.SECONDS));
            }
            assertThat(seen).doesNotContain(Authentication.class);
            assertThat(seen).filteredOn(c -> c == BadCredentialsException.class).hasSize(PasswordLogins.PARALLEL_CHECKS);
            assertThat(slow.entered.get()).as("guesses checked of the 20 sent at once")
                    .isLessThanOrEqualTo(LoginThrottle.FREE_PER_PAIR + 1);
        } finally {
            pool.shutdownNow();
        }
    }
}
