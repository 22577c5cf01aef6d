package com.example.shop;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/accounts")
public class AccountController {
  private static final int MAX_PAGE_SIZE = 100;

  private final AccountRepository accounts;
  private final OrderService orders;

  AccountController(AccountRepository accounts, OrderService orders) {
    this.accounts = accounts;
    this.orders = orders;
  }

  @GetMapping("/{id}")
  public AccountView get(@PathVariable Long id) {
    return accounts
        .findById(id)
        .map(AccountView::of)
        .orElseThrow(() -> new AccountNotFoundException(id));
  }

  @GetMapping
  public AccountPage list(
      @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size) {
    PageRequest request =
        PageRequest.of(
            Math.max(page, 0), Math.min(Math.max(size, 1), MAX_PAGE_SIZE), Sort.by("id"));
    Page<Account> found = accounts.findAll(request);
    return new AccountPage(
        found.map(AccountView::of).getContent(),
        found.getNumber(),
        found.getSize(),
        found.getTotalElements());
  }

  @PostMapping("/{id}/orders")
  public ResponseEntity<OrderView> order(@PathVariable Long id, @RequestBody OrderRequest body) {
    if (body.amount() == null || body.amount().signum() <= 0) {
      return ResponseEntity.badRequest().build();
    }
    PurchaseOrder placed = orders.place(id, body.amount());
    return ResponseEntity.created(URI.create("/accounts/" + id + "/orders/" + placed.getId()))
        .body(new OrderView(placed.getId(), id, placed.getAmount(), placed.getPlacedAt()));
  }

  /** What a client may see of an account: the entity itself stays inside the application. */
  public record AccountView(Long id, String owner, BigDecimal balance) {
    static AccountView of(Account account) {
      return new AccountView(account.getId(), account.getOwner(), account.getBalance());
    }
  }

  /** A page in a stable shape; Spring Data's own Page is not meant to be serialised as is. */
  public record AccountPage(List<AccountView> content, int page, int size, long total) {}

  public record OrderRequest(BigDecimal amount) {}

  public record OrderView(Long id, Long accountId, BigDecimal amount, Instant placedAt) {}
}
